using Covid.V1;
using Google.Protobuf;

namespace Covid.Tests.SparkJob;

/// <summary>Specs as users write them: proto3 JSON, parsed by the real parser.</summary>
internal static class Specs
{
    /// <summary>The example of issue 2, verbatim.</summary>
    public const string IssueExampleJson = """
        {
          "dataset": "cdc-cases-deaths-by-state",
          "dateRange": {"start": "2020-03-02", "end": "2020-09-20"},
          "filters": [{"field": "state", "values": ["NY", "NYC", "NJ", "CA"]}],
          "groupBy": ["state"],
          "timeBucket": "WEEK",
          "metrics": [
            {"name": "cases",  "aggregation": "SUM", "field": "new_case"},
            {"name": "deaths", "aggregation": "SUM", "field": "new_death"},
            {"name": "days",   "aggregation": "COUNT"},
            {"name": "cfr",    "ratio": {"numerator": "deaths", "denominator": "cases"}}
          ],
          "orderBy": [{"column": "cases", "descending": true}],
          "limit": 500,
          "plot": {"kind": "LINE", "title": "Weekly new cases", "x": "period", "y": ["cases"], "series": "state"},
          "engine": "EMBEDDED"
        }
        """;

    public static AnalysisSpec Parse(string json) => JsonParser.Default.Parse<AnalysisSpec>(json);

    public static AnalysisSpec IssueExample() => Parse(IssueExampleJson);

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
