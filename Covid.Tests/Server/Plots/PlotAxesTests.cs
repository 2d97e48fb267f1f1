using Covid.Server.Plots;
using Covid.SparkJob.Results;
using OxyPlot.Axes;

namespace Covid.Tests.Server.Plots;

/// <summary>Where values land on a chart's x axis: bars keep the asked order, months sit on their labels.</summary>
public sealed class PlotAxesTests
{
    [Fact]
    public void Categories_TextRowsOrderedByMetric_KeepTheResultOrder()
    {
        var table = new ResultTable(
            [new ResultColumn("state", ColumnType.String), new ResultColumn("deaths", ColumnType.Int64)],
            [["CA", 61000L], ["TX", 49000L], ["FL", 35000L], ["NYC", 28000L]]);

        var categories = PlotRenderer.Categories(PlotSeriesData.From(table, "state", ["deaths"], null));

        Assert.Equal(["CA", "TX", "FL", "NYC"], categories);
    }

    [Fact]
    public void LineXAxis_MonthBuckets_LabelEachPointWithItsMonth()
    {
        var months = Enumerable.Range(0, 14).Select(i => new DateOnly(2020, 3, 1).AddMonths(i)).ToList();
        var table = new ResultTable(
            [new ResultColumn("period", ColumnType.Date), new ResultColumn("cfr", ColumnType.Double)],
            months.Select(m => new object?[] { m, 0.02 }).ToList());
        var data = PlotSeriesData.From(table, "period", ["cfr"], null);

        var x = LineXAxis.For(ColumnType.Date, "period", data, width: 1000);

        var axis = Assert.IsType<CalendarAxis>(x.Axis);
        var ticks = axis.Ticks(months[0], months[^1], 740);
        Assert.Equal(new CalendarStep(CalendarUnit.Month, 2), axis.ChosenStep); // 13 months apart: a label every second month
        Assert.All(ticks, t => Assert.Contains(t, months)); // every label sits on a point
        Assert.All(months, m => Assert.Equal(m.ToString("yyyy-MM"), axis.FormatValue(x.Position(m))));
        Assert.Equal(31, x.Position(months[1]) - x.Position(months[0]));
    }

    [Fact]
    public void LineXAxis_WeekBuckets_DateAxisWithDays()
    {
        var table = new ResultTable(
            [new ResultColumn("period", ColumnType.Date), new ResultColumn("cases", ColumnType.Int64)],
            [[new DateOnly(2020, 3, 2), 1L], [new DateOnly(2020, 3, 9), 2L]]);

        var x = LineXAxis.For(ColumnType.Date, "period", PlotSeriesData.From(table, "period", ["cases"], null), width: 1000);

        var axis = Assert.IsType<CalendarAxis>(x.Axis);
        axis.Ticks(new DateOnly(2020, 3, 2), new DateOnly(2020, 3, 9), 740);
        Assert.Equal("2020-03-02", axis.FormatValue(x.Position(new DateOnly(2020, 3, 2))));
        Assert.Equal(7, x.Position(new DateOnly(2020, 3, 9)) - x.Position(new DateOnly(2020, 3, 2)));
    }

    [Theory]
    [InlineData(2020, 5, "Month", 1)] // half a year of weekly points: every month
    [InlineData(2021, 1, "Month", 2)] // a year: every other month, not one label a year
    [InlineData(2022, 8, "Month", 6)] // 2.6 years: every half year
    public void LineXAxis_WeeksOverMonthsOrYears_TicksOnMonthsAtLeastFour(int endYear, int endMonth, string unit, int count)
    {
        var rows = new List<object?[]>();
        for (var week = new DateOnly(2020, 1, 5); week <= new DateOnly(endYear, endMonth, 28); week = week.AddDays(7))
        {
            rows.Add([week, 1L]);
        }
        var table = new ResultTable([new ResultColumn("period", ColumnType.Date), new ResultColumn("cases", ColumnType.Int64)], rows);

        var axis = Assert.IsType<CalendarAxis>(LineXAxis.For(ColumnType.Date, "period", PlotSeriesData.From(table, "period", ["cases"], null), width: 1000).Axis);
        var ticks = axis.Ticks((DateOnly)rows[0][0]!, (DateOnly)rows[^1][0]!, 740);

        Assert.Equal(new CalendarStep(Enum.Parse<CalendarUnit>(unit), count), axis.ChosenStep);
        Assert.True(ticks.Count >= 4, string.Join(", ", ticks));
        Assert.All(ticks, t => Assert.Equal(1, t.Day));
    }
}
