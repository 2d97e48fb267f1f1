using System.Globalization;
using Covid.SparkJob.Results;
using OxyPlot;
using OxyPlot.Axes;

namespace Covid.Server.Plots;

/// <summary>The x axis of a line chart, and where a result value sits on it.</summary>
internal sealed record LineXAxis(Axis Axis, Func<object, double> Position)
{
    /// <summary>Pixels of a chart's width that are not its x axis: the value axis, margins and the legend.</summary>
    private const int AroundAxisPixels = 260;

    public static LineXAxis For(ColumnType type, string title, IReadOnlyList<PlotSeriesData> data, int width)
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
        var dates = data.SelectMany(s => s.Points).Select(p => (DateOnly)p.X);
        var anchor = dates.DefaultIfEmpty(DateOnly.FromDayNumber(0)).Min();
        var axis = new CalendarAxis(anchor, Math.Max(100, width - AroundAxisPixels)) { Title = title };
        return new(Grid(axis), v => CalendarAxis.ToDouble((DateOnly)v));
    }

    private static Axis Grid(Axis axis)
    {
        axis.Position = AxisPosition.Bottom;
        return Gridlines.Major(axis);
    }
}
