extern alias cli;
using System.Text.Json;
using cli::Covid.Client;
using Covid.Tests.Support;
using Grpc.Core;

namespace Covid.Tests.Client.Sdk;

/// <summary>The typed spec read from and written to its proto3 JSON form: what the CLI reads before it sends anything.</summary>
public class AnalysisSpecJsonTests
{
    [Fact]
    public void FromJson_IssueExample_TypedParts()
    {
        var spec = AnalysisSpec.FromJson(IssueExample.Json);

        Assert.Equal("cdc-cases-deaths-by-state", spec.Dataset);
        Assert.Equal((new DateOnly(2020, 3, 2), new DateOnly(2020, 9, 20)), (spec.From!.Value, spec.To!.Value));
        Assert.Equal(["NY", "NYC", "NJ", "CA"], Assert.Single(spec.Filters).Values);
        Assert.Equal(TimeBucket.Week, spec.TimeBucket);
        Assert.Equal([MetricKind.Aggregate, MetricKind.Aggregate, MetricKind.Aggregate, MetricKind.Ratio], spec.Metrics.Select(m => m.Kind));
        Assert.Equal((Aggregation.Sum, "new_case"), (spec.Metrics[0].Aggregation, spec.Metrics[0].Field));
        Assert.Equal(("deaths", "cases"), (spec.Metrics[3].Numerator, spec.Metrics[3].Denominator));
        Assert.Equal(new SortKey("cases", true), Assert.Single(spec.OrderBy));
        Assert.Equal((PlotKind.Line, "state"), (spec.Plot!.Kind, spec.Plot.Series));
        Assert.Equal(AnalysisEngine.Embedded, spec.Engine);
        Assert.True(spec.HasPlot);
        Assert.Empty(spec.Validate());
    }

    [Theory]
    [InlineData("IssueExample")]
    [InlineData("deaths-top10-jurisdictions.json")]
    [InlineData("national-monthly-fatality.json")]
    public void ToJson_EveryExample_RoundTripsToTheSameJson(string example)
    {
        var json = example == "IssueExample" ? IssueExample.Json : File.ReadAllText(Path.Combine(CdcFiles.RepoRoot, "deploy", "examples", example));

        var again = AnalysisSpec.FromJson(AnalysisSpec.FromJson(json).ToJson()).ToJson();

        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(json).RootElement, JsonDocument.Parse(again).RootElement), again);
    }

    [Fact]
    public void FromJson_WhereRollingPer100kTopN_KeptThroughTheRoundTrip()
    {
        var json = """
            {"dataset": "d", "groupBy": ["state"], "timeBucket": "WEEK",
             "metrics": [{"name": "deaths", "aggregation": "COUNT", "where": [{"field": "death_yn", "values": ["Yes"]}]},
                         {"name": "avg", "rolling": {"metric": "deaths", "periods": 7}},
                         {"name": "rate", "per100k": {"metric": "avg"}}],
             "topN": {"n": 5, "by": "deaths", "perPeriod": true},
             "plot": {"kind": "HEATMAP", "x": "period", "y": ["rate"], "series": "state", "width": 800, "height": 400, "logScale": true}}
            """;

        var spec = AnalysisSpec.FromJson(AnalysisSpec.FromJson(json).ToJson());

        Assert.Equal(new Filter("death_yn", ["Yes"]).Field, Assert.Single(spec.Metrics[0].Where).Field);
        Assert.Equal(("deaths", 7), (spec.Metrics[1].Of, spec.Metrics[1].Periods));
        Assert.Equal((MetricKind.Per100k, "avg"), (spec.Metrics[2].Kind, spec.Metrics[2].Of));
        Assert.Equal(new TopN(5, "deaths", true), spec.TopN);
        Assert.Equal((PlotKind.Heatmap, 800, 400, true), (spec.Plot!.Kind, spec.Plot.Width, spec.Plot.Height, spec.Plot.LogScale));
        Assert.Empty(spec.Validate());
    }

    [Theory]
    [InlineData("{\"dataset\": \"x\", \"groupby\": [\"state\"]}", "groupby")]
    [InlineData("", "empty")]
    [InlineData("{\"dataset\": \"x\", \"dateRange\": {\"start\": \"2020-13-01\"}}", "spec.dateRange.start")]
    public void FromJson_Bad_InvalidSpecAsSubmitWouldSay(string json, string mentioned)
    {
        var e = Assert.Throws<InvalidSpecException>(() => AnalysisSpec.FromJson(json));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains(mentioned, e.Message);
    }
}
