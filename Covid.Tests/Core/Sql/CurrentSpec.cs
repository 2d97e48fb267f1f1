using Covid.SparkJob.Datasets;
using Covid.V1;
using Google.Protobuf;

namespace Covid.Tests.Core.Sql;

/// <summary>
/// One spec per new construct over the current datasets (EPIWEEK, SEASON, NATIVE, YEAR, change,
/// derived geography, suppressed counts, a SODA CSV read in place). Their Spark scripts are pinned
/// under Core/Sql/Golden/NAME.sql and pass the Spark grammar gate; DuckDB runs them on the real files.
/// </summary>
internal sealed record CurrentSpec(string Name, string SparkFeatures, string Json, DatasetStorage Storage = DatasetStorage.Parquet)
{
    public AnalysisSpec Spec => JsonParser.Default.Parse<AnalysisSpec>(Json);

    public override string ToString() => Name;

    public static IReadOnlyList<CurrentSpec> All { get; } =
    [
        new("nhsn-epiweek-regions",
            "derived jurisdiction/geo_level as CASE over the geography field in a subquery, EPIWEEK as date_add(d, -(dayofweek(d) - 1)), mmwr_year/mmwr_week from the Wednesday (year, dayofyear, floor), population keyed by the normalised code",
            """
            {"dataset": "nhsn-hospital-respiratory", "dateRange": {"start": "2023-10-01", "end": "2024-03-30"},
             "filters": [{"field": "geo_level", "values": ["hhs_region"]}], "groupBy": ["jurisdiction"], "timeBucket": "EPIWEEK",
             "metrics": [{"name": "admissions", "aggregation": "SUM", "field": "totalconfc19newadm"}, {"name": "per_100k", "per100k": {"metric": "admissions"}}]}
            """),
        new("nchs-weekly-change",
            "LAG(x, n) OVER (PARTITION BY … ORDER BY period) over the gap-free weekly grid, percent change null where the earlier value is 0, COUNT(*) FILTER (WHERE field IS NULL) for suppressed cells",
            """
            {"dataset": "nchs-provisional-deaths", "dateRange": {"start": "2022-01-01", "end": "2022-12-31"},
             "filters": [{"field": "group", "values": ["By Week"]}, {"field": "state", "values": ["Vermont", "Wyoming", "New York City"]}],
             "groupBy": ["state"], "timeBucket": "EPIWEEK",
             "metrics": [{"name": "deaths", "aggregation": "SUM", "field": "covid_19_deaths"},
                         {"name": "deaths_change", "change": {"metric": "deaths"}}, {"name": "deaths_change_pct", "change": {"metric": "deaths", "percent": true}}]}
            """),
        new("weekly-cases-native",
            "NATIVE Thursday-to-Wednesday weeks: date_add(d, -((dayofweek(d) - 1 + 3) % 7)), period_end = date_add(period, 6), a 4-week rolling mean on a 7-day grid",
            """
            {"dataset": "cdc-weekly-cases-deaths-by-state", "dateRange": {"start": "2022-01-01", "end": "2022-06-30"},
             "filters": [{"field": "state", "values": ["NY", "NYC"]}], "groupBy": ["state"], "timeBucket": "NATIVE",
             "metrics": [{"name": "cases", "aggregation": "SUM", "field": "new_cases"}, {"name": "cases_4w", "rolling": {"metric": "cases", "periods": 4}}]}
            """),
        new("covid-net-season-change",
            "SEASON: the Sunday of MMWR week 40 via make_date(y, 1, 4); the season label by concat/lpad; a season grid from sequence over the years seasons start in; change of a MAX",
            """
            {"dataset": "covid-net-rates", "filters": [{"field": "geo_level", "values": ["network"]}, {"field": "agecategory_legend", "values": ["≥65 years"]},
                                            {"field": "sex_label", "values": ["All"]}, {"field": "race_label", "values": ["All"]}, {"field": "type", "values": ["Crude Rate"]}],
             "timeBucket": "SEASON",
             "metrics": [{"name": "peak", "aggregation": "MAX", "field": "weeklyrate"}, {"name": "season_total", "aggregation": "MAX", "field": "cumulativerate"},
                         {"name": "total_change", "change": {"metric": "season_total", "percent": true}}]}
            """),
        new("resp-lens-in-place",
            "a SODA CSV in place: typed view of API field names, integers through regexp_like/regexp_replace/TRY_CAST, the MMWR week end from yyyyww (floor(week / 100), week % 100) with make_date/date_add; positivity as a ratio of two SUMs",
            """
            {"dataset": "resp-lens-positivity", "filters": [{"field": "virus", "values": ["SARS-CoV-2"]}, {"field": "age_gp", "values": ["All Ages"]}, {"field": "jurisdiction", "values": ["US", "HHS2"]}],
             "groupBy": ["jurisdiction"], "timeBucket": "EPIWEEK",
             "metrics": [{"name": "positive", "aggregation": "SUM", "field": "number_pos"}, {"name": "tested", "aggregation": "SUM", "field": "number_tested"},
                         {"name": "positivity", "ratio": {"numerator": "positive", "denominator": "tested"}}]}
            """,
            DatasetStorage.CsvInPlace),
        new("resp-net-year-in-place",
            "a rows.csv in place: MMWR year written 2022.0 (regexp_like, regexp_replace), a date from 'yyyy-MM-dd HH:mm:ss' by try_to_timestamp, YEAR as date_trunc('YEAR'), sites as geography",
            """
            {"dataset": "resp-net-rates", "filters": [{"field": "surveillance_network", "values": ["COVID-NET"]}, {"field": "age_group", "values": ["Overall"]},
                                           {"field": "sex", "values": ["Overall"]}, {"field": "race_ethnicity", "values": ["Overall"]}, {"field": "type", "values": ["Unadjusted Rate"]},
                                           {"field": "geo_level", "values": ["site"]}],
             "groupBy": ["site"], "timeBucket": "YEAR",
             "metrics": [{"name": "mean_rate", "aggregation": "MEAN", "field": "weekly_rate"}, {"name": "weeks", "aggregation": "COUNT"}, {"name": "first_year", "aggregation": "MIN", "field": "mmwr_year"}]}
            """,
            DatasetStorage.CsvInPlace),
    ];
}
