using Covid.V1;
using Google.Protobuf;

namespace Covid.Tests.Server;

/// <summary>The example spec, parsed from its proto3 JSON form as users write it.</summary>
internal static class ServerSpecs
{
    public const string ExampleJson = """
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

    public static AnalysisSpec Example(string? dataset = null)
    {
        var spec = JsonParser.Default.Parse<AnalysisSpec>(ExampleJson);
        if (dataset is not null)
        {
            spec.Dataset = dataset;
        }
        return spec;
    }

    /// <summary>Bounds every wait in a test.</summary>
    public static CancellationToken Timeout(int seconds = 30) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
