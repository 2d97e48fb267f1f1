using System.Globalization;
using Covid.SparkJob.Results;
using OxyPlot;
using OxyPlot.Axes;

namespace Covid.Server.Plots;

/// <summary>The x axis of a line chart, and where a result value sits on it.</summary>
internal sealed record LineXAxis(Axis Axis, Func<object, double> Position)
{
    public static LineXAxis For(ColumnType type, string title, IReadOnlyList<PlotSeriesData> data)
    {
        if (type == ColumnType.String)
        {
            var categories = PlotRenderer.Categories(data);
            return new(PlotRenderer.CategoryAxis(title, categories), v => categories.IndexOf(PlotSeriesData.Label(v)));
        }
        if (type != ColumnType.Date)
        {
            return new(Grid(new LinearAxis { Title = title }), v => Convert.ToDouble(v, CultureInfo.InvariantCulture));
        }
        var dates = data.SelectMany(s => s.Points).Select(p => (DateOnly)p.X).ToList();
        return dates.Count > 0 && dates.All(d => d.Day == 1) ? Monthly(title, dates) : Daily(title, dates);
    }

    /// <summary>
    /// Days and weeks on a date axis. Up to about seven months OxyPlot ticks on the first of each
    /// month; beyond, its monthly labels crowd into one another and past a year it ticks yearly
    /// (one label for a year of weekly points), so up to three years the ticks are set about every
    /// k months (k·30 days), seven or fewer of them.
    /// </summary>
    private static LineXAxis Daily(string title, List<DateOnly> dates)
    {
        var axis = new DateTimeAxis { Title = title, StringFormat = "yyyy-MM-dd" };
        var months = dates.Count == 0 ? 0 : MonthNumber(dates.Max()) - MonthNumber(dates.Min());
        if (months is > 7 and <= 36)
        {
            axis.IntervalType = DateTimeIntervalType.Months;
            axis.MajorStep = 30 * (int)Math.Ceiling(months / 7.0);
            axis.MinorIntervalType = DateTimeIntervalType.Months;
            axis.MinorStep = 30;
        }
        return new(Grid(axis), v => DateTimeAxis.ToDouble(((DateOnly)v).ToDateTime(TimeOnly.MinValue)));
    }

    /// <summary>
    /// Month buckets on a month-number axis: OxyPlot's date axis places month ticks off the
    /// first of the month (or jumps to yearly ticks), so labels would not sit on the points.
    /// </summary>
    private static LineXAxis Monthly(string title, List<DateOnly> dates)
    {
        var span = MonthNumber(dates.Max()) - MonthNumber(dates.Min());
        var axis = new LinearAxis
        {
            Title = title,
            MajorStep = Math.Max(1, (int)Math.Ceiling(span / 12.0)),
            MinorStep = 1,
            LabelFormatter = m => FromMonthNumber(m).ToString("yyyy-MM", CultureInfo.InvariantCulture),
        };
        return new(Grid(axis), v => MonthNumber((DateOnly)v));
    }

    private static Axis Grid(Axis axis)
    {
        axis.Position = AxisPosition.Bottom;
        axis.MajorGridlineStyle = LineStyle.Dot;
        return axis;
    }

    private static int MonthNumber(DateOnly d) => d.Year * 12 + d.Month - 1;

    private static DateOnly FromMonthNumber(double m)
    {
        var n = (int)Math.Round(m);
        return new DateOnly(n / 12, n % 12 + 1, 1);
    }
}
