using Covid.V1;
using Google.Protobuf;

namespace Covid.Tests.Support;

/// <summary>
/// The example spec of issue 2, read from deploy/examples/weekly-cases-by-state.json — the file
/// the demo runs — so tests check exactly what users run, and it is written down once.
/// </summary>
internal static class IssueExample
{
    private static readonly Lazy<string> JsonLazy = new(() =>
        File.ReadAllText(Path.Combine(CdcFiles.RepoRoot, "deploy", "examples", "weekly-cases-by-state.json")));

    /// <summary>The spec in its proto3 JSON form, as users write it.</summary>
    public static string Json => JsonLazy.Value;

    /// <summary>The spec parsed by the real parser, optionally over another dataset.</summary>
    public static AnalysisSpec Spec(string? dataset = null)
    {
        var spec = JsonParser.Default.Parse<AnalysisSpec>(Json);
        if (dataset is not null)
        {
            spec.Dataset = dataset;
        }
        return spec;
    }
}
