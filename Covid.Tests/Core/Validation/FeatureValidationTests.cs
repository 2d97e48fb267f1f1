using Covid.SparkJob.Errors;
using Covid.SparkJob.Validation;
using Covid.Tests.Support;
using Covid.V1;
using Google.Protobuf;

namespace Covid.Tests.Core.Validation;

/// <summary>The new spec features are validated with violations under their proto field paths.</summary>
public sealed class FeatureValidationTests
{
    private static IReadOnlyList<FieldViolation> Validate(string metricsAndMore) =>
        SpecValidator.Validate(JsonParser.Default.Parse<AnalysisSpec>("{\"dataset\": \"cdc-cases-deaths-by-state\", " + metricsAndMore + "}"), TestDatasets.CasesDeaths());

    private static void AssertOnly(IReadOnlyList<FieldViolation> violations, params string[] fields) =>
        Assert.Equal(fields.Order(StringComparer.Ordinal), violations.Select(v => v.Field).Order(StringComparer.Ordinal));

    [Fact]
    public void Validate_WhereWithUnknownFieldAndBadState_ReportsBothPaths() => AssertOnly(
        Validate("""
            "metrics": [{"name": "c", "aggregation": "COUNT", "where": [{"field": "nope", "values": ["x"]}, {"field": "state", "values": ["NY", "ny"]}]}]
            """),
        "spec.metrics[0].where[0].field", "spec.metrics[0].where[1].values[1]");

    [Fact]
    public void Validate_WhereOnDerivedMetric_IsRefused() => AssertOnly(
        Validate("""
            "groupBy": ["state"], "metrics": [{"name": "c", "aggregation": "SUM", "field": "new_case"},
              {"name": "r", "per100k": {"metric": "c"}, "where": [{"field": "state", "values": ["NY"]}]}]
            """),
        "spec.metrics[1].where");

    [Fact]
    public void Validate_RollingWithoutBucketOfMeanWithBadPeriods_ReportsEach() => AssertOnly(
        Validate("""
            "metrics": [{"name": "m", "aggregation": "MEAN", "field": "new_case"}, {"name": "r", "rolling": {"metric": "m", "periods": 1}}]
            """),
        "spec.metrics[1].rolling", "spec.metrics[1].rolling.periods", "spec.metrics[1].rolling.metric");

    [Fact]
    public void Validate_Per100kWithoutStateGroup_AndOfARatio_ReportsEach() => AssertOnly(
        Validate("""
            "groupBy": ["consent_cases"], "metrics": [{"name": "a", "aggregation": "SUM", "field": "new_case"}, {"name": "b", "aggregation": "COUNT"},
              {"name": "q", "ratio": {"numerator": "a", "denominator": "b"}}, {"name": "p", "per100k": {"metric": "q"}}]
            """),
        "spec.metrics[3].per100k", "spec.metrics[3].per100k.metric");

    [Fact]
    public void Validate_Per100kOfRollingSum_IsValid() => Assert.Empty(Validate("""
        "groupBy": ["state"], "timeBucket": "DAY", "metrics": [{"name": "a", "aggregation": "SUM", "field": "new_case"},
          {"name": "r", "rolling": {"metric": "a", "periods": 7}}, {"name": "p", "per100k": {"metric": "r"}}]
        """));

    [Fact]
    public void Validate_TwoDerivations_AndUnknownOperand_ReportsPaths() => AssertOnly(
        Validate("""
            "timeBucket": "DAY", "groupBy": ["state"], "metrics": [{"name": "a", "aggregation": "SUM", "field": "new_case"},
              {"name": "x", "rolling": {"metric": "a", "periods": 3}, "per100k": {"metric": "a"}}, {"name": "y", "rolling": {"metric": "zz", "periods": 3}}]
            """),
        "spec.metrics[1]", "spec.metrics[2].rolling.metric");

    [Fact]
    public void Validate_TopNOutOfRangeUnknownMetricPerPeriodWithoutBucket_ReportsEach() => AssertOnly(
        Validate("""
            "groupBy": ["state"], "metrics": [{"name": "a", "aggregation": "SUM", "field": "new_case"}], "topN": {"n": 0, "by": "state", "perPeriod": true}
            """),
        "spec.top_n.n", "spec.top_n.by", "spec.top_n.per_period");

    [Fact]
    public void Validate_HeatmapWithoutSeriesAndTwoYs_ReportsEach() => AssertOnly(
        Validate("""
            "timeBucket": "WEEK", "groupBy": ["state"], "metrics": [{"name": "a", "aggregation": "SUM", "field": "new_case"}, {"name": "b", "aggregation": "COUNT"}],
            "plot": {"kind": "HEATMAP", "x": "period", "y": ["a", "b"]}
            """),
        "spec.plot.series", "spec.plot.y");

    [Fact]
    public void Validate_StackedBarWithoutSeries_ReportsSeries() => AssertOnly(
        Validate("""
            "timeBucket": "WEEK", "metrics": [{"name": "a", "aggregation": "SUM", "field": "new_case"}], "plot": {"kind": "STACKED_BAR", "x": "period", "y": ["a"], "logScale": true}
            """),
        "spec.plot.series");
}
