using Covid.V1;
using static Covid.Tests.Support.ValidationAssert;
using Aggregation = Covid.V1.Metric.Types.Aggregation;

namespace Covid.Tests.Core.Validation;

/// <summary>Metric rules: names, aggregations and ratios, one per test, at the exact field path.</summary>
public sealed class SpecValidatorMetricTests
{
    private static Metric Sum(string name, string field) => new() { Name = name, Aggregation = Aggregation.Sum, Field = field };

    private static Metric Ratio(string name, string numerator, string denominator) =>
        new() { Name = name, Ratio = new Ratio { Numerator = numerator, Denominator = denominator } };

    [Fact]
    public void Validate_NoMetrics_ReportsMetrics() =>
        Single(With(s => s.Metrics.Clear()), "spec.metrics", "at least one metric");

    [Fact]
    public void Validate_MetricWithoutName_ReportsName() =>
        Single(With(s => s.Metrics[0].Name = ""), "spec.metrics[0].name", "required");

    [Theory]
    [InlineData("2cases")]
    [InlineData("cases-per-day")]
    [InlineData("x\"; DROP TABLE t; --")]
    [InlineData("ca\u0301ses")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public void Validate_MetricNameNotAnIdentifier_ReportsName(string name) =>
        Single(With(s => s.Metrics[0].Name = name), "spec.metrics[0].name", "is not a valid name");

    [Fact]
    public void Validate_DuplicateMetricNameIgnoringCase_ReportsTheSecond() =>
        Single(With(s => s.Metrics.Add(Sum("Cases", "new_death"))), "spec.metrics[1].name", "already the name of another metric");

    [Fact]
    public void Validate_MetricNamedPeriod_ReportsReserved() =>
        Single(With(s => s.Metrics[0].Name = "Period"), "spec.metrics[0].name", "reserved");

    [Fact]
    public void Validate_MetricNamedLikeGroupBy_ReportsCollision() =>
        Single(With(s => s.Metrics[0].Name = "state"), "spec.metrics[0].name", "collides with the group-by column");

    [Fact]
    public void Validate_NoAggregationNoRatio_ReportsAggregation() =>
        Single(With(s => s.Metrics[0].Aggregation = Aggregation.Unspecified), "spec.metrics[0].aggregation", "required: SUM, COUNT, MEAN, MIN or MAX");

    [Fact]
    public void Validate_AggregationAndRatio_ReportsBoth() =>
        Single(With(s =>
        {
            s.Metrics.Add(new Metric { Name = "r", Aggregation = Aggregation.Count, Ratio = new Ratio { Numerator = "cases", Denominator = "cases2" } });
            s.Metrics.Add(Sum("cases2", "new_death"));
        }), "spec.metrics[1].aggregation", "either aggregation or ratio, not both");

    [Theory]
    [InlineData(Aggregation.Sum)]
    [InlineData(Aggregation.Mean)]
    [InlineData(Aggregation.Min)]
    [InlineData(Aggregation.Max)]
    public void Validate_AggregationWithoutField_ReportsField(Aggregation aggregation) =>
        Single(With(s => s.Metrics[0] = new Metric { Name = "m", Aggregation = aggregation }), "spec.metrics[0].field", "required for");

    [Fact]
    public void Validate_SumOfText_ReportsNotNumeric() =>
        Single(With(s => s.Metrics[0].Field = "consent_cases"), "spec.metrics[0].field", "'consent_cases' is not numeric");

    [Fact]
    public void Validate_SumOfUnknownField_ReportsUnknown() =>
        Single(With(s => s.Metrics[0].Field = "new_cases"), "spec.metrics[0].field", "unknown field 'new_cases'");

    [Fact]
    public void Validate_CountOfUnknownField_ReportsUnknown() =>
        Single(With(s => s.Metrics[0] = new Metric { Name = "n", Aggregation = Aggregation.Count, Field = "deaths" }), "spec.metrics[0].field", "unknown field 'deaths'");

    [Fact]
    public void Validate_RatioOfMissingMetric_ReportsDenominator() =>
        Single(With(s =>
        {
            s.Metrics.Add(Sum("deaths", "new_death"));
            s.Metrics.Add(Ratio("cfr", "deaths", "case"));
        }), "spec.metrics[2].ratio.denominator", "no metric named 'case'; aggregate metrics of this spec are: cases, deaths");

    [Fact]
    public void Validate_RatioOfItself_ReportsNumerator() =>
        Single(With(s => s.Metrics.Add(Ratio("r", "r", "cases"))), "spec.metrics[1].ratio.numerator", "cannot name itself");

    [Fact]
    public void Validate_RatioOfRatio_ReportsNumerator() =>
        Single(With(s =>
        {
            s.Metrics.Add(Ratio("r1", "cases", "cases"));
            s.Metrics.Add(Ratio("r2", "r1", "cases"));
        }), "spec.metrics[2].ratio.numerator", "'r1' is itself a ratio");

    [Fact]
    public void Validate_RatioWithoutDenominator_ReportsRequired() =>
        Single(With(s => s.Metrics.Add(Ratio("r", "cases", ""))), "spec.metrics[1].ratio.denominator", "required");
}
