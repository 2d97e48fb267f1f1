namespace Covid.Cli.Formatting;

/// <summary>Enum values as the contract spells them (SUCCEEDED, RENDERING_PLOT), which is what users see in specs and docs.</summary>
internal static class Names
{
    public static string Of(AnalysisState state) => Upper(state.ToString());

    public static string Of(AnalysisEngine engine) => Upper(engine.ToString());

    public static string Of(ProgressStage stage) => Upper(stage.ToString());

    /// <summary>"RenderingPlot" → "RENDERING_PLOT".</summary>
    private static string Upper(string pascal) =>
        string.Concat(pascal.Select((ch, i) => i > 0 && char.IsUpper(ch) ? "_" + ch : char.ToUpperInvariant(ch).ToString()));
}
