using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Validation;
using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;

namespace Covid.Tests.Core.Validation;

/// <summary>
/// The rules the current datasets brought, on specs alone (no data read): additivity, the traps,
/// grains, change metrics, the columns buckets add, geography values with hints.
/// </summary>
public sealed class SurveillanceRulesTests
{
    private static readonly TestDatasets Datasets = new([.. SchemaCatalog.BuiltIn.All.Select(Info)]);

    [Theory]
    // The two specs of earlier tests that summed a cumulative total across periods; refused now, with MAX suggested.
    [InlineData("""{"dataset": "cdc-cases-deaths-by-state", "filters": [{"field": "consent_cases", "values": ["", "N/A"]}], "groupBy": ["consent_cases"], "timeBucket": "MONTH", "metrics": [{"name": "probable", "aggregation": "SUM", "field": "prob_cases"}]}""",
        "spec.metrics[0].field", "'prob_cases' is a cumulative total: it adds up over places within one period, never across periods, and with time_bucket MONTH a group holds several of cdc-cases-deaths-by-state's days; use MAX")]
    [InlineData("""{"dataset": "cdc-cases-deaths-by-state", "metrics": [{"name": "s", "aggregation": "SUM", "field": "tot_cases"}]}""",
        "spec.metrics[0].field", "without a time bucket a group holds several of cdc-cases-deaths-by-state's days; use MAX (the latest total of each period), or time_bucket DAY (or NATIVE)")]
    [InlineData("""{"dataset": "cdc-covid-net", "timeBucket": "MONTH", "metrics": [{"name": "s", "aggregation": "SUM", "field": "MMWR-WEEK"}]}""",
        "spec.metrics[0].field", "'MMWR-WEEK' is a dimension, not a measure")]
    [InlineData("""{"dataset": "cdc-covid-net", "timeBucket": "DAY", "metrics": [{"name": "m", "aggregation": "MAX", "field": "WEEKLY RATE"}]}""",
        "spec.time_bucket", "DAY is finer than the data: cdc-covid-net's grain is MMWR weeks (Sunday to Saturday); use EPIWEEK or NATIVE")]
    [InlineData("""{"dataset": "resp-net-rates", "filters": [{"field": "geo_level", "values": ["network"]}], "groupBy": ["mmwr_week"], "timeBucket": "EPIWEEK", "metrics": [{"name": "m", "aggregation": "MAX", "field": "weekly_rate"}]}""",
        "spec.group_by[0]", "'mmwr_week' is already a result column of EPIWEEK")]
    [InlineData("""{"dataset": "resp-net-rates", "timeBucket": "SEASON", "metrics": [{"name": "season", "aggregation": "MAX", "field": "weekly_rate"}]}""",
        "spec.metrics[0].name", "'season' collides with the season column SEASON adds")]
    [InlineData("""{"dataset": "nhsn-hospital-respiratory", "filters": [{"field": "jurisdiction", "values": ["USA"]}], "metrics": [{"name": "m", "aggregation": "MAX", "field": "totalconfc19newadm"}]}""",
        "spec.filters[0].values[0]", "unknown jurisdiction code 'USA'; did you mean 'US'?")]
    [InlineData("""{"dataset": "nchs-provisional-deaths", "filters": [{"field": "state", "values": ["NY"]}], "metrics": [{"name": "m", "aggregation": "MAX", "field": "covid_19_deaths"}]}""",
        "spec.filters[0].values[0]", "unknown jurisdiction 'NY'; did you mean 'New York'?")]
    [InlineData("""{"dataset": "nhsn-hospital-respiratory", "filters": [{"field": "geo_level", "values": ["county"]}], "metrics": [{"name": "m", "aggregation": "MAX", "field": "totalconfc19newadm"}]}""",
        "spec.filters[0].values[0]", "'county' is not a geo_level of nhsn-hospital-respiratory; its levels are: state, territory, nation, hhs_region")]
    [InlineData("""{"dataset": "nhsn-hospital-respiratory", "filters": [{"field": "geo_level", "values": ["state"]}], "metrics": [{"name": "m", "aggregation": "SUM", "field": "totalconfc19newadm"}, {"name": "c", "change": {"metric": "m"}}]}""",
        "spec.metrics[1].change", "a change compares periods: set time_bucket")]
    [InlineData("""{"dataset": "nhsn-hospital-respiratory", "filters": [{"field": "geo_level", "values": ["state"]}], "timeBucket": "EPIWEEK", "metrics": [{"name": "m", "aggregation": "SUM", "field": "totalconfc19newadm"}, {"name": "c", "change": {"metric": "m", "periods": 400}}]}""",
        "spec.metrics[1].change.periods", "400 is out of range: 1 to 366")]
    [InlineData("""{"dataset": "nhsn-hospital-respiratory", "filters": [{"field": "geo_level", "values": ["state"]}], "timeBucket": "EPIWEEK", "metrics": [{"name": "m", "aggregation": "SUM", "field": "totalconfc19newadm"}, {"name": "c", "change": {"metric": "m"}}, {"name": "cc", "change": {"metric": "c"}}]}""",
        "spec.metrics[2].change.metric", "'c' is itself a change")]
    [InlineData("""{"dataset": "nchs-provisional-deaths", "dateRange": {"start": "2021-01-01"}, "groupBy": ["state"], "metrics": [{"name": "d", "aggregation": "SUM", "field": "covid_19_deaths"}, {"name": "d_suppressed", "aggregation": "COUNT"}]}""",
        "spec.metrics[0].name", "'covid_19_deaths' is a suppressed count, so 'd' comes with the column 'd_suppressed', which another column already has")]
    [InlineData("""{"dataset": "nhsn-hospital-respiratory", "groupBy": ["geo_level"], "metrics": [{"name": "r", "per100k": {"metric": "m"}}, {"name": "m", "aggregation": "SUM", "field": "totalconfc19newadm"}]}""",
        "spec.metrics[0].per100k", "per-100k rates are per jurisdiction: group_by must include 'jurisdiction_raw' (or 'jurisdiction')")]
    public void Validate_SpecBreakingARule_OneViolationSayingWhy(string json, string path, string message)
    {
        var violation = Assert.Single(SpecValidator.Validate(Specs.Parse(json), Datasets));

        Assert.Equal(path, violation.Field);
        Assert.Contains(message, violation.Description, StringComparison.Ordinal);
    }

    [Theory]
    // 9mfq-cb36 has only leaf levels (states, territories, NYC apart from NY): sums over all of it stay allowed.
    [InlineData("""{"dataset": "cdc-cases-deaths-by-state", "timeBucket": "WEEK", "metrics": [{"name": "s", "aggregation": "SUM", "field": "new_case"}, {"name": "n", "aggregation": "COUNT"}]}""")]
    // A cumulative total summed over places within one period is what it adds up along.
    [InlineData("""{"dataset": "cdc-cases-deaths-by-state", "timeBucket": "DAY", "metrics": [{"name": "s", "aggregation": "SUM", "field": "tot_cases"}]}""")]
    [InlineData("""{"dataset": "cdc-weekly-cases-deaths-by-state", "timeBucket": "NATIVE", "metrics": [{"name": "s", "aggregation": "SUM", "field": "tot_cases"}]}""")]
    [InlineData("""{"dataset": "nhsn-hospital-respiratory", "filters": [{"field": "geo_level", "values": ["hhs_region"]}], "timeBucket": "YEAR", "metrics": [{"name": "s", "aggregation": "SUM", "field": "totalconfc19newadm"}]}""")]
    [InlineData("""{"dataset": "nhsn-hospital-respiratory", "groupBy": ["geo_level"], "timeBucket": "EPIWEEK", "metrics": [{"name": "s", "aggregation": "SUM", "field": "totalconfc19newadm"}, {"name": "c", "change": {"metric": "s", "percent": true}}]}""")]
    [InlineData("""{"dataset": "nhsn-hospital-respiratory", "timeBucket": "EPIWEEK", "metrics": [{"name": "m", "aggregation": "MEAN", "field": "totalconfc19newadmper100k"}]}""")]
    public void Validate_SpecWithinTheRules_NoViolation(string json) =>
        Assert.Empty(SpecValidator.Validate(Specs.Parse(json), Datasets));

    private static DatasetInfo Info(DatasetSchema schema) =>
        new(schema.Name, schema, "/d/data.parquet", "/d/original.csv", "test", false, 0, 0, null, null, DateTimeOffset.UnixEpoch);
}
