namespace Covid.Client;

/// <summary>Helpers on <see cref="AnalysisState"/>.</summary>
public static class AnalysisStateExtensions
{
    /// <summary>True for the states an analysis never leaves: succeeded, failed and cancelled.</summary>
    public static bool IsTerminal(this AnalysisState state) =>
        state is AnalysisState.Succeeded or AnalysisState.Failed or AnalysisState.Cancelled;
}
