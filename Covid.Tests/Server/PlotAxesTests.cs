using Covid.Server.Plots;
using Covid.SparkJob.Results;
using OxyPlot.Axes;

namespace Covid.Tests.Server;

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

        var x = LineXAxis.For(ColumnType.Date, "period", data);

        var axis = Assert.IsType<LinearAxis>(x.Axis);
        Assert.Equal(2, axis.MajorStep); // 13 months apart: a label every second month
        Assert.All(months, m => Assert.Equal(m.ToString("yyyy-MM"), axis.LabelFormatter(x.Position(m))));
        Assert.Equal(1, x.Position(months[1]) - x.Position(months[0]));
    }

    [Fact]
    public void LineXAxis_WeekBuckets_DateAxisWithDays()
    {
        var table = new ResultTable(
            [new ResultColumn("period", ColumnType.Date), new ResultColumn("cases", ColumnType.Int64)],
            [[new DateOnly(2020, 3, 2), 1L], [new DateOnly(2020, 3, 9), 2L]]);

        var x = LineXAxis.For(ColumnType.Date, "period", PlotSeriesData.From(table, "period", ["cases"], null));

        var axis = Assert.IsType<DateTimeAxis>(x.Axis);
        Assert.Equal("yyyy-MM-dd", axis.StringFormat);
        Assert.Equal(7, x.Position(new DateOnly(2020, 3, 9)) - x.Position(new DateOnly(2020, 3, 2)));
    }

    [Theory]
    [InlineData(2020, 5, 0)] // half a year: OxyPlot's own ticks on the first of each month
    [InlineData(2021, 1, 60)] // a year of weekly points: a tick about every other month, not one a year
    [InlineData(2022, 8, 150)]
    public void LineXAxis_WeeksOverMonthsOrYears_TicksAboutEveryKMonths(int endYear, int endMonth, double step)
    {
        var rows = new List<object?[]>();
        for (var week = new DateOnly(2020, 1, 5); week <= new DateOnly(endYear, endMonth, 28); week = week.AddDays(7))
        {
            rows.Add([week, 1L]);
        }
        var table = new ResultTable([new ResultColumn("period", ColumnType.Date), new ResultColumn("cases", ColumnType.Int64)], rows);

        var axis = Assert.IsType<DateTimeAxis>(LineXAxis.For(ColumnType.Date, "period", PlotSeriesData.From(table, "period", ["cases"], null)).Axis);

        Assert.Equal(step == 0 ? DateTimeIntervalType.Auto : DateTimeIntervalType.Months, axis.IntervalType);
        Assert.Equal(step == 0 ? double.NaN : step, axis.MajorStep);
    }
}
