using Covid.Server.Plots;
using Covid.SparkJob.Results;
using Covid.V1;
using OxyPlot;
using OxyPlot.Series;
using SkiaSharp;

namespace Covid.Tests.Server.Plots;

/// <summary>
/// Charts that read at any size: date axes with at least four labels on calendar boundaries for
/// any range, and no more than ten colours, the rest grey as "N others".
/// </summary>
public sealed class ChartReadabilityTests
{
    public static TheoryData<int, int, string> Ranges => new()
    {
        // days spanned, axis pixels, the unit the labels step by
        { 20, 740, "Day" },
        { 70, 740, "Day" },
        { 490, 740, "Month" },
        { 365 * 5, 740, "Year" },
        { 365 * 40, 740, "Year" },
        { 490, 300, "Month" },
        { 30, 200, "Day" },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void CalendarAxis_AnyRange_AtLeastFourLabelsOnCalendarBoundaries(int days, int pixels, string unit)
    {
        var first = new DateOnly(2020, 3, 5);
        var axis = new CalendarAxis(first, pixels);

        var ticks = axis.Ticks(first, first.AddDays(days), pixels);

        Assert.True(ticks.Count >= 4, $"{ticks.Count} labels over {days} days: {string.Join(", ", ticks)}");
        Assert.Equal(unit, axis.ChosenStep.Unit.ToString());
        Assert.All(ticks, t => Assert.InRange(t, first, first.AddDays(days)));
        switch (axis.ChosenStep.Unit)
        {
            case CalendarUnit.Month:
                Assert.All(ticks, t => Assert.Equal(1, t.Day));
                Assert.All(ticks, t => Assert.Equal(0, (t.Month - 1) % axis.ChosenStep.Count));
                break;
            case CalendarUnit.Year:
                Assert.All(ticks, t => Assert.Equal(1, t.DayOfYear));
                break;
            default:
                Assert.All(ticks, t => Assert.Equal(0, (t.DayNumber - first.DayNumber) % axis.ChosenStep.Count));
                break;
        }
        var gaps = ticks.Zip(ticks.Skip(1), (a, b) => b.DayNumber - a.DayNumber).Distinct().ToList();
        Assert.True(axis.ChosenStep.Unit != CalendarUnit.Day || gaps.Count == 1, "day steps are even");
    }

    [Fact]
    public void CalendarAxis_WeeklyData_TicksOnTheDataWeekday()
    {
        var saturday = new DateOnly(2021, 1, 2);
        var axis = new CalendarAxis(saturday, 740);

        var ticks = axis.Ticks(saturday, saturday.AddDays(7 * 8), 740);

        Assert.Equal(new CalendarStep(CalendarUnit.Day, 14), axis.ChosenStep);
        Assert.All(ticks, t => Assert.Equal(DayOfWeek.Saturday, t.DayOfWeek));
    }

    [Fact]
    public void Build_SixtySeriesLine_TenColouredLargestAndOneGreyOthersEntry()
    {
        var table = DailyByState(states: 60, days: 490);

        var model = PlotRenderer.Build(table, new Plot { Kind = Plot.Types.Kind.Line, X = "period", Y = { "cases" }, Series = "state" }, 1000);

        var lines = model.Series.OfType<LineSeries>().ToList();
        Assert.Equal(60, lines.Count(l => l.Points.Count > 0));
        var coloured = lines.Where(l => l.Color != SeriesPalette.Others).ToList();
        Assert.Equal(10, coloured.Count);
        Assert.Equal(10, coloured.Select(l => l.Color).Distinct().Count());
        // The largest ten by total: S59 has the biggest numbers, then S58 …
        Assert.Equal(Enumerable.Range(50, 10).Reverse().Select(i => $"S{i:00}"), coloured.Select(l => l.Title));
        var legend = lines.Where(l => l.RenderInLegend).Select(l => l.Title).ToList();
        Assert.Equal(11, legend.Count);
        Assert.Equal("50 others", legend[^1]);
    }

    [Fact]
    public void Build_FifteenSeriesStackedBars_OthersAddedUpIntoOneGreyBar()
    {
        var table = DailyByState(states: 15, days: 6);

        var model = PlotRenderer.Build(table, new Plot { Kind = Plot.Types.Kind.StackedBar, X = "period", Y = { "cases" }, Series = "state" }, 1000);

        var bars = model.Series.OfType<BarSeries>().ToList();
        Assert.Equal(11, bars.Count);
        var others = Assert.Single(bars, b => b.Title == "5 others");
        Assert.Equal(SeriesPalette.Others, others.FillColor);
        var expected = Enumerable.Range(0, 5).Sum(s => Cases(s, 0));
        Assert.Equal(expected, others.Items[0].Value);
    }

    [Fact]
    public void Render_SixtyStatesOverSixteenMonths_PngWithSeveralDateLabels()
    {
        var png = new PlotRenderer().Render(DailyByState(states: 60, days: 490),
            new Plot { Kind = Plot.Types.Kind.Line, Title = "Daily cases, 60 jurisdictions", X = "period", Y = { "cases" }, Series = "state" }).Png;

        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((1000, 600), (bitmap.Width, bitmap.Height));
        var path = Path.Combine(Path.GetTempPath(), "covid-chart-60-states.png");
        File.WriteAllBytes(path, png);
    }

    private static ResultTable DailyByState(int states, int days)
    {
        var rows = new List<object?[]>();
        for (var s = 0; s < states; s++)
        {
            for (var d = 0; d < days; d++)
            {
                rows.Add([new DateOnly(2020, 3, 1).AddDays(d), $"S{s:00}", (long)Cases(s, d)]);
            }
        }
        return new ResultTable(
            [new ResultColumn("period", ColumnType.Date), new ResultColumn("state", ColumnType.String), new ResultColumn("cases", ColumnType.Int64)],
            rows);
    }

    private static double Cases(int state, int day) => (state + 1) * 10 + Math.Round(5 * Math.Sin(day / 20.0) + 5);
}
