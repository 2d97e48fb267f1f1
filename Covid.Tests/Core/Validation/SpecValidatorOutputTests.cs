using Covid.Tests.Support;
using Covid.V1;
using static Covid.Tests.Support.ValidationAssert;

namespace Covid.Tests.Core.Validation;

/// <summary>order_by, limit and plot rules, one per test, at the exact field path.</summary>
public sealed class SpecValidatorOutputTests
{
    private static Plot Plot() => new() { Kind = Covid.V1.Plot.Types.Kind.Line, X = "period", Y = { "cases" }, Series = "state" };

    [Fact]
    public void Validate_OrderByUnknownColumn_ListsResultColumns() =>
        Single(With(s => s.OrderBy.Add(new OrderBy { Column = "new_case" })), "spec.order_by[0].column", "'new_case' is not a result column; result columns are: period, state, cases");

    [Fact]
    public void Validate_OrderByPeriodWithoutTimeBucket_ReportsColumn() =>
        Single(With(s =>
        {
            s.TimeBucket = AnalysisSpec.Types.TimeBucket.Unspecified;
            s.OrderBy.Add(new OrderBy { Column = "period" });
        }), "spec.order_by[0].column", "'period' is not a result column");

    [Fact]
    public void Validate_OrderBySameColumnTwice_ReportsTheSecond() =>
        Single(With(s =>
        {
            s.OrderBy.Add(new OrderBy { Column = "cases" });
            s.OrderBy.Add(new OrderBy { Column = "cases", Descending = true });
        }), "spec.order_by[1].column", "already");

    [Theory]
    [InlineData(-1)]
    [InlineData(100_001)]
    public void Validate_LimitOutOfRange_ReportsLimit(int limit) =>
        Single(With(s => s.Limit = limit), "spec.limit", "out of range");

    [Fact]
    public void Validate_PlotWithoutKind_ReportsKind() =>
        Single(With(s => s.Plot = Plot().Tap(p => p.Kind = Covid.V1.Plot.Types.Kind.Unspecified)), "spec.plot.kind", "required: LINE, BAR, STACKED_BAR or HEATMAP");

    [Fact]
    public void Validate_PlotXNotAColumn_ReportsX() =>
        Single(With(s => s.Plot = Plot().Tap(p => p.X = "submission_date")), "spec.plot.x", "'submission_date' is not a result column");

    [Fact]
    public void Validate_PlotYNotAColumn_ReportsThatY() =>
        Single(With(s => s.Plot = Plot().Tap(p => p.Y.Add("deaths"))), "spec.plot.y[1]", "'deaths' is not a result column");

    [Fact]
    public void Validate_PlotYNotNumeric_ReportsThatY() =>
        Single(With(s => s.Plot = Plot().Tap(p => p.Y[0] = "state")), "spec.plot.y[0]", "'state' is not numeric");

    [Fact]
    public void Validate_PlotWithoutY_ReportsY() =>
        Single(With(s => s.Plot = Plot().Tap(p => p.Y.Clear())), "spec.plot.y", "at least one numeric result column");

    [Fact]
    public void Validate_PlotSeriesNotGroupBy_ReportsSeries() =>
        Single(With(s => s.Plot = Plot().Tap(p => p.Series = "cases")), "spec.plot.series", "'cases' is not a group-by column; group-by columns are: state");

    [Theory]
    [InlineData(199)]
    [InlineData(4001)]
    [InlineData(-10)]
    public void Validate_PlotWidthOutOfRange_ReportsWidth(int width) =>
        Single(With(s => s.Plot = Plot().Tap(p => p.Width = width)), "spec.plot.width", "out of range: 200 to 4000");

    [Fact]
    public void Validate_PlotHeightOutOfRange_ReportsHeight() =>
        Single(With(s => s.Plot = Plot().Tap(p => p.Height = 5000)), "spec.plot.height", "out of range");

    [Fact]
    public void Validate_PlotDefaultSizeAndBounds_AreAccepted()
    {
        Assert.Empty(Covid.SparkJob.Validation.SpecValidator.Validate(With(s => s.Plot = Plot()), TestDatasets.CasesDeaths()));
        Assert.Empty(Covid.SparkJob.Validation.SpecValidator.Validate(With(s => s.Plot = Plot().Tap(p => (p.Width, p.Height) = (200, 4000))), TestDatasets.CasesDeaths()));
    }
}
