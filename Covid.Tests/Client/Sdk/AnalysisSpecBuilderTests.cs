extern alias cli;
using System.Text.Json;
using cli::Covid.Client;
using Covid.Tests.Support;

namespace Covid.Tests.Client.Sdk;

/// <summary>The fluent builder: typed, checked for shape client-side, the same spec as the JSON users keep in files.</summary>
public class AnalysisSpecBuilderTests
{
    [Fact]
    public void Build_IssueExample_SameJsonAsTheFile()
    {
        var spec = AnalysisSpec.For("cdc-cases-deaths-by-state")
            .Between(new DateOnly(2020, 3, 2), new DateOnly(2020, 9, 20))
            .Where("state", "NY", "NYC", "NJ", "CA")
            .GroupBy("state")
            .Weekly()
            .Sum("cases", "new_case")
            .Sum("deaths", "new_death")
            .Count("days")
            .Ratio("cfr", "deaths", "cases")
            .OrderBy("cases", descending: true)
            .Limit(500)
            .Plot(PlotKind.Line, "period", ["cases"], series: "state", title: "Weekly new cases")
            .OnEngine(AnalysisEngine.Embedded)
            .Build();

        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(IssueExample.Json).RootElement, JsonDocument.Parse(spec.ToJson()).RootElement), spec.ToJson());
    }

    [Fact]
    public void Build_BadShape_EveryViolationUnderTheServersPath()
    {
        var builder = AnalysisSpec.For("")
            .Between(new DateOnly(2021, 1, 2), new DateOnly(2021, 1, 1))
            .Where("state")
            .Sum("cases", "")
            .Compute(Metric.Count("Cases"))
            .Compute(Metric.RatioOf("cfr", "deaths", "cases"))
            .Compute(Metric.RollingMean("avg", "cases", 1))
            .Top(0, "nothing")
            .Plot(new PlotSpec(PlotKind.Bar, "", []) { Width = 50 });

        var e = Assert.Throws<InvalidSpecException>(builder.Build);

        Assert.Equal(
            ["spec.dataset", "spec.dateRange", "spec.filters[0].values", "spec.metrics[0].field", "spec.metrics[1].name", "spec.metrics[2].ratio.numerator",
             "spec.metrics[3].rolling.periods", "spec.metrics[3].rolling", "spec.topN.n", "spec.topN.by", "spec.plot.x", "spec.plot.y", "spec.plot.width"],
            e.FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public void Metric_WhereIn_AddsAConditionWithoutChangingTheOriginal()
    {
        var deaths = Metric.Count("deaths");

        var died = deaths.WhereIn("death_yn", "Yes");

        Assert.Empty(deaths.Where);
        Assert.Equal(["Yes"], Assert.Single(died.Where).Values);
    }
}
