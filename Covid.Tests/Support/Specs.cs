using Covid.V1;
using Google.Protobuf;

namespace Covid.Tests.Support;

/// <summary>Specs as users write them: proto3 JSON, parsed by the real parser.</summary>
internal static class Specs
{
    public static AnalysisSpec Parse(string json) => JsonParser.Default.Parse<AnalysisSpec>(json);

    /// <summary>The example of issue 2, verbatim (deploy/examples/weekly-cases-by-state.json), optionally over another dataset.</summary>
    public static AnalysisSpec IssueExample(string? dataset = null) => Support.IssueExample.Spec(dataset);

    /// <summary>A minimal valid spec: weekly cases per state.</summary>
    public static AnalysisSpec WeeklyCases() => Parse("""
        {
          "dataset": "cdc-cases-deaths-by-state",
          "groupBy": ["state"],
          "timeBucket": "WEEK",
          "metrics": [{"name": "cases", "aggregation": "SUM", "field": "new_case"}]
        }
        """);
}
