namespace Covid.Tests.Client;

/// <summary>The example spec, as users write it.</summary>
internal static class ExampleSpecs
{
    public const string WeeklyCases = """
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
}
