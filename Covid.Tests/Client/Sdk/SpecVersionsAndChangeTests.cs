extern alias cli;
using cli::Covid.Client;
using Google.Protobuf;
using V1 = global::Covid.V1;

namespace Covid.Tests.Client.Sdk;

/// <summary>asOf, version, compareTo, change metrics and the MMWR/season/native/year buckets in the typed spec: built, checked for shape, read.</summary>
public class SpecVersionsAndChangeTests
{
    [Fact]
    public void Build_VersionsChangeAndEpiweeks_TheContractsJson()
    {
        var spec = AnalysisSpec.For("nchs-provisional-deaths").GroupBy("state").Epiweekly()
            .Sum("deaths", "covid_19_deaths").Change("deaths_change", "deaths").PercentChange("deaths_pct", "deaths", periods: 4)
            .AsOf(new DateOnly(2023, 10, 5)).ComparedToVersion(1)
            .Build();

        var expected = JsonParser.Default.Parse<V1.AnalysisSpec>("""
            {"dataset": "nchs-provisional-deaths", "groupBy": ["state"], "timeBucket": "EPIWEEK",
             "metrics": [{"name": "deaths", "aggregation": "SUM", "field": "covid_19_deaths"},
                         {"name": "deaths_change", "change": {"metric": "deaths", "periods": 1}},
                         {"name": "deaths_pct", "change": {"metric": "deaths", "periods": 4, "percent": true}}],
             "asOf": "2023-10-05", "compareTo": {"version": 1}}
            """);
        Assert.Equal(expected, JsonParser.Default.Parse<V1.AnalysisSpec>(spec.ToJson()));
        Assert.Equal((MetricKind.Change, "deaths", 4, true), (spec.Metrics[2].Kind, spec.Metrics[2].Of, spec.Metrics[2].Periods, spec.Metrics[2].Percent));
    }

    [Theory]
    [InlineData(nameof(TimeBucket.Season), "SEASON")]
    [InlineData(nameof(TimeBucket.Native), "NATIVE")]
    [InlineData(nameof(TimeBucket.Year), "YEAR")]
    public void Build_Buckets_NamedAsTheContract(string helper, string bucket)
    {
        var builder = AnalysisSpec.For("d").Count("rows");
        builder = helper switch
        {
            nameof(TimeBucket.Season) => builder.Seasonal(),
            nameof(TimeBucket.Native) => builder.NativePeriods(),
            _ => builder.Yearly(),
        };

        Assert.Contains($"\"timeBucket\": \"{bucket}\"", builder.Build().ToJson());
    }

    [Fact]
    public void Build_AsOfAndVersion_RefusedUnderSpecVersion()
    {
        var e = Assert.Throws<InvalidSpecException>(() => AnalysisSpec.For("d").Count("rows").AsOf(new DateOnly(2021, 1, 1)).Version(2).Build());

        Assert.Equal("spec.version", Assert.Single(e.FieldViolations).Field);
        Assert.Contains("not both", e.Message);
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("2021-01-01", 3)]
    public void Validate_CompareToNeitherOrBoth_NamesCompareTo(string? asOf, int version)
    {
        var spec = AnalysisSpec.For("d").Count("rows").Build() with
        {
            CompareTo = new ComparedVersion(asOf is null ? null : DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture), version),
        };

        Assert.Equal("spec.compare_to", Assert.Single(spec.Validate()).Field);
    }

    [Fact]
    public void Validate_BadChanges_EachUnderItsPath()
    {
        var spec = new AnalysisSpec
        {
            Dataset = "d",
            Metrics = [Metric.Count("rows"), Metric.Change("wow", "rows", periods: 400), Metric.Change("wow2", "wow"), Metric.Change("self", "self")],
        };

        var fields = spec.Validate().Select(v => v.Field).ToList();

        Assert.Equal(
            ["spec.metrics[1].change.periods", "spec.metrics[1].change", "spec.metrics[2].change.metric", "spec.metrics[2].change", "spec.metrics[3].change.metric", "spec.metrics[3].change"],
            fields);
    }

    [Fact]
    public void FromJson_AggregationBesideARatio_KeptAndNamed()
    {
        var spec = AnalysisSpec.FromJson("""{"dataset": "d", "metrics": [{"name": "a", "aggregation": "COUNT"}, {"name": "r", "aggregation": "SUM", "ratio": {"numerator": "a", "denominator": "a"}}]}""");

        Assert.Contains("\"aggregation\": \"SUM\"", spec.ToJson());
        Assert.Equal("spec.metrics[1].aggregation", Assert.Single(spec.Validate()).Field);
    }

    [Theory]
    [InlineData("""{"dataset": "d", "metrics": [{"name": "a", "ratio": {"numerator": "b", "denominator": "b"}, "change": {"metric": "b"}}]}""", "spec.metrics[0]")]
    [InlineData("""{"dataset": "d", "asOf": "2021-13-01"}""", "spec.as_of")]
    [InlineData("""{"dataset": "d", "compareTo": {"asOf": "yesterday"}}""", "spec.compare_to.as_of")]
    public void FromJson_WhatTheTypedSpecCannotHold_RefusedNotDropped(string json, string path)
    {
        var e = Assert.Throws<InvalidSpecException>(() => AnalysisSpec.FromJson(json));

        Assert.Equal(path, Assert.Single(e.FieldViolations).Field);
    }
}
