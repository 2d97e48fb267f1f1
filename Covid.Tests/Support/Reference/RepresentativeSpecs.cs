using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;
using Covid.SparkJob.Samples;
using Covid.V1;
using Google.Protobuf;

namespace Covid.Tests.Support.Reference;

/// <summary>
/// One spec per feature of the analysis language, as users write them (proto3 JSON). Their Spark
/// scripts are pinned as goldens, their DuckDB runs are checked against independent computations.
/// </summary>
internal sealed record RepresentativeSpec(string Name, string SparkFeatures, string Json, DatasetStorage Storage = DatasetStorage.Parquet)
{
    public AnalysisSpec Spec => JsonParser.Default.Parse<AnalysisSpec>(Json);

    public override string ToString() => Name;

    public static IReadOnlyList<RepresentativeSpec> All { get; } =
    [
        new("weekly-cases-ratio",
            "the session confs as SET statements, date_trunc('WEEK') (Monday weeks), SUM cast to its field's type (BIGINT), ratio over DOUBLE, NULLS LAST in ORDER BY, DATE literals",
            """
            {"dataset": "cdc-cases-deaths-by-state", "dateRange": {"start": "2020-03-02", "end": "2020-09-20"},
             "filters": [{"field": "state", "values": ["NY", "NYC", "NJ", "CA"]}], "groupBy": ["state"], "timeBucket": "WEEK",
             "metrics": [{"name": "cases", "aggregation": "SUM", "field": "new_case"}, {"name": "deaths", "aggregation": "SUM", "field": "new_death"},
                         {"name": "cfr", "ratio": {"numerator": "deaths", "denominator": "cases"}}],
             "orderBy": [{"column": "cases", "descending": true}], "limit": 500}
            """),
        new("conditional-aggregates",
            "aggregate FILTER (WHERE ...) clauses (Spark 3.0+), COUNT with a condition, a ratio of two conditional aggregates",
            """
            {"dataset": "cdc-cases-deaths-by-state", "dateRange": {"start": "2020-06-01", "end": "2020-12-31"}, "timeBucket": "MONTH",
             "metrics": [{"name": "deaths", "aggregation": "SUM", "field": "new_death"},
                         {"name": "nyc_deaths", "aggregation": "SUM", "field": "new_death", "where": [{"field": "state", "values": ["NYC"]}]},
                         {"name": "agreeing_reports", "aggregation": "COUNT", "where": [{"field": "consent_deaths", "values": ["Agree"]}]},
                         {"name": "nyc_share", "ratio": {"numerator": "nyc_deaths", "denominator": "deaths"}}]}
            """),
        new("rolling-7-day",
            "gap-free grid: sequence(low, high, INTERVAL 1 DAY) + explode, CROSS JOIN of groups, LEFT JOIN with IS NOT DISTINCT FROM, AVG OVER (PARTITION BY ... ROWS BETWEEN 6 PRECEDING AND CURRENT ROW)",
            """
            {"dataset": "cdc-cases-deaths-by-state", "dateRange": {"start": "2020-10-01", "end": "2020-11-30"},
             "filters": [{"field": "state", "values": ["CA", "TX"]}], "groupBy": ["state"], "timeBucket": "DAY",
             "metrics": [{"name": "cases", "aggregation": "SUM", "field": "new_case"}, {"name": "cases_7d", "rolling": {"metric": "cases", "periods": 7}}]}
            """),
        new("per100k-weekly",
            "inline population table (VALUES ... AS population(_code, _residents)) LEFT JOINed on the state, rate over DOUBLE, NULL without a Census estimate",
            """
            {"dataset": "cdc-cases-deaths-by-state", "dateRange": {"start": "2021-01-04", "end": "2021-01-31"},
             "filters": [{"field": "state", "values": ["NY", "NYC", "VT", "GU"]}], "groupBy": ["state"], "timeBucket": "WEEK",
             "metrics": [{"name": "cases", "aggregation": "SUM", "field": "new_case"}, {"name": "cases_per_100k", "per100k": {"metric": "cases"}}]}
            """),
        new("rolling-per100k",
            "sequence(..., INTERVAL 7 DAYS) weekly grid, a 4-week rolling mean, then per 100k of that mean",
            """
            {"dataset": "cdc-cases-deaths-by-state", "dateRange": {"start": "2020-09-07", "end": "2020-12-27"},
             "filters": [{"field": "state", "values": ["ND", "SD", "WY"]}], "groupBy": ["state"], "timeBucket": "WEEK",
             "metrics": [{"name": "deaths", "aggregation": "SUM", "field": "new_death"}, {"name": "deaths_4w", "rolling": {"metric": "deaths", "periods": 4}},
                         {"name": "deaths_4w_per_100k", "per100k": {"metric": "deaths_4w"}}]}
            """),
        new("top5-per-week",
            "ROW_NUMBER() OVER (PARTITION BY period ORDER BY ... DESC NULLS LAST) in a subquery and an outer WHERE (Spark has no QUALIFY)",
            """
            {"dataset": "cdc-cases-deaths-by-state", "dateRange": {"start": "2020-11-02", "end": "2020-11-29"}, "groupBy": ["state"], "timeBucket": "WEEK",
             "metrics": [{"name": "cases", "aggregation": "SUM", "field": "new_case"}], "topN": {"n": 5, "by": "cases", "perPeriod": true},
             "orderBy": [{"column": "period"}, {"column": "cases", "descending": true}]}
            """),
        new("top10-overall-per100k",
            "ROW_NUMBER() over the whole result ranking a per-100k rate; MONTH-less totals without a period",
            """
            {"dataset": "cdc-cases-deaths-by-state", "dateRange": {"start": "2020-03-01", "end": "2021-02-28"}, "groupBy": ["state"],
             "metrics": [{"name": "deaths", "aggregation": "SUM", "field": "new_death"}, {"name": "deaths_per_100k", "per100k": {"metric": "deaths"}}],
             "topN": {"n": 10, "by": "deaths_per_100k"}, "orderBy": [{"column": "deaths_per_100k", "descending": true}]}
            """),
        new("monthly-mean-min-max",
            "date_trunc('MONTH'), AVG cast to DOUBLE, MIN/MAX, an empty-cell filter as IS NULL, no group-by",
            """
            {"dataset": "cdc-cases-deaths-by-state", "timeBucket": "MONTH", "filters": [{"field": "consent_cases", "values": ["Agree", ""]}],
             "metrics": [{"name": "mean_new", "aggregation": "MEAN", "field": "new_case"}, {"name": "min_new", "aggregation": "MIN", "field": "new_case"},
                         {"name": "max_new", "aggregation": "MAX", "field": "new_case"}, {"name": "reports", "aggregation": "COUNT", "field": "conf_cases"}]}
            """),
        new("csv-in-place-rolling",
            "USING csv OPTIONS (header 'true', inferSchema 'false', multiLine 'false', mode 'FAILFAST', ...) raw view, typed view checking each cell's shape with regexp_like before CAST(try_to_timestamp(col, 'MM/dd/yyyy') AS DATE), try_to_timestamp(col, 'MM/dd/yyyy hh:mm:ss a') and TRY_CAST AS BIGINT, raise_error on unparsable cells",
            """
            {"dataset": "cdc-cases-deaths-by-state", "dateRange": {"start": "2021-03-01", "end": "2021-03-31"},
             "filters": [{"field": "state", "values": ["FL"]}], "groupBy": ["state"], "timeBucket": "DAY",
             "metrics": [{"name": "cases", "aggregation": "SUM", "field": "new_case"}, {"name": "cases_7d", "rolling": {"metric": "cases", "periods": 7}},
                         {"name": "cases_7d_per_100k", "per100k": {"metric": "cases_7d"}}]}
            """,
            DatasetStorage.CsvInPlace),
    ];
}
