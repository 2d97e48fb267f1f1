using System.Globalization;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Results;
using Covid.V1;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;
using OxyPlot.SkiaSharp;
using SkiaSharp;

namespace Covid.Server.Plots;

/// <summary>Draws a result as the PNG chart its spec asks for (OxyPlot on SkiaSharp, no display needed).</summary>
public sealed class PlotRenderer
{
    /// <param name="footer">The source line drawn under the chart (<see cref="SourceFooter"/>), if any.</param>
    public RenderedPlot Render(ResultTable table, Plot plot, string? footer = null)
    {
        var (width, height) = PlotSize.Resolve(plot);
        var model = Build(table, plot, width);
        return new RenderedPlot(Png(model, width, height, footer), width, height);
    }

    /// <summary>
    /// Draws the model into a bitmap and encodes it. OxyPlot's PngExporter shapes text with
    /// HarfBuzz and encodes with every PNG filter at zlib level 6: five times slower than drawing,
    /// for labels in Latin script and charts of flat colour that need neither. The bitmap is
    /// opaque (a chart is drawn on white), so the PNG holds RGB (<see cref="PngEncoder"/>).
    /// </summary>
    private static byte[] Png(PlotModel model, int width, int height, string? footer)
    {
        using var bitmap = Draw(model, width, height, footer);
        return Encode(bitmap);
    }

    /// <summary>The model (and its footer) drawn on white into a new opaque bitmap.</summary>
    internal static SKBitmap Draw(PlotModel model, int width, int height, string? footer)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(bitmap);
        using (var context = new SkiaRenderContext { RenderTarget = RenderTarget.PixelGraphic, SkCanvas = canvas, UseTextShaping = false })
        {
            canvas.Clear(SKColors.White);
            IPlotModel drawn = model;
            drawn.Update(true);
            drawn.Render(context, new OxyRect(0, 0, width, footer is null ? height : height - SourceFooter.Height));
        }
        if (footer is not null)
        {
            SourceFooter.Draw(canvas, footer, width, height);
        }
        return bitmap;
    }

    internal static byte[] Encode(SKBitmap bitmap) => PngEncoder.Encode(bitmap.GetPixelSpan(), bitmap.Width, bitmap.Height, bitmap.RowBytes);

    /// <summary>The chart as an OxyPlot model, before it is drawn (tests look at its axes and series).</summary>
    internal static PlotModel Build(ResultTable table, Plot plot, int width)
    {
        var model = new PlotModel
        {
            Title = plot.Title,
            Background = OxyColors.White,
            // A font every Linux image has once fonts-dejavu-core is installed; OxyPlot's default (Segoe UI) is not there.
            DefaultFont = "DejaVu Sans",
        };
        model.Legends.Add(new Legend
        {
            LegendPlacement = LegendPlacement.Outside,
            LegendPosition = LegendPosition.RightTop,
            LegendBorder = OxyColors.Gray,
        });
        var yTitle = string.Join(", ", plot.Y);
        if (plot.Kind == Plot.Types.Kind.Heatmap)
        {
            HeatmapChart.Add(model, table, plot);
        }
        else
        {
            var data = PlotSeriesData.From(table, plot.X, plot.Y, plot.Series);
            if (plot.LogScale)
            {
                // A log axis has no place for zero or negative values (e.g. revised-down counts): they are left out.
                data = data.Select(d => d with { Points = d.Points.Where(p => p.Y > 0).ToList() }).ToList();
                yTitle += " (log scale)";
            }
            if (plot.Kind is Plot.Types.Kind.Bar or Plot.Types.Kind.StackedBar)
            {
                AddBars(model, data, plot.X, yTitle, plot.Kind == Plot.Types.Kind.StackedBar, plot.LogScale);
            }
            else
            {
                AddLines(model, data, table.Columns[table.IndexOf(plot.X)].Type, plot.X, yTitle, plot.LogScale, width);
            }
        }
        return model;
    }

    private static void AddLines(PlotModel model, IReadOnlyList<PlotSeriesData> data, ColumnType xType, string xTitle, string yTitle, bool log, int width)
    {
        var x = LineXAxis.For(xType, xTitle, data, width);
        model.Axes.Add(x.Axis);
        model.Axes.Add(ValueAxis(yTitle, log));
        var (coloured, others) = SeriesPalette.Split(data);
        // Grey first, so the coloured lines are drawn over them; their one legend entry comes last.
        foreach (var series in others)
        {
            model.Series.Add(Line(series, x, SeriesPalette.Others, 1, legend: null));
        }
        for (var i = 0; i < coloured.Count; i++)
        {
            model.Series.Add(Line(coloured[i], x, SeriesPalette.Colours[i], 2, coloured[i].Title));
        }
        if (others.Count > 0)
        {
            model.Series.Add(Line(new PlotSeriesData("", []), x, SeriesPalette.Others, 1, SeriesPalette.OthersTitle(others.Count)));
        }
    }

    private static LineSeries Line(PlotSeriesData series, LineXAxis x, OxyColor colour, double thickness, string? legend)
    {
        var line = new LineSeries
        {
            Title = legend,
            RenderInLegend = legend is not null,
            Color = colour,
            StrokeThickness = thickness,
            MarkerType = MarkerType.None,
        };
        line.Points.AddRange(series.Points.Select(p => new DataPoint(x.Position(p.X), p.Y)));
        return line;
    }

    private static void AddBars(PlotModel model, IReadOnlyList<PlotSeriesData> data, string xTitle, string yTitle, bool stacked, bool log)
    {
        var categories = Categories(data);
        // OxyPlot 2.2 has no ColumnSeries: bars stand upright when the category axis is the x axis.
        var categoryAxis = CategoryAxis(xTitle, categories);
        categoryAxis.Key = "categories";
        model.Axes.Add(categoryAxis);
        var valueAxis = ValueAxis(yTitle, log);
        valueAxis.Key = "values";
        model.Axes.Add(valueAxis);
        // On a log axis bars start at the smallest value drawn, since they cannot start at zero.
        var baseValue = log && data.Any(d => d.Points.Count > 0) ? data.SelectMany(d => d.Points).Min(p => p.Y) / 2 : 0;
        var (coloured, others) = SeriesPalette.Split(data);
        var drawn = coloured.Select((series, i) => (Series: series, Colour: SeriesPalette.Colours[i])).ToList();
        if (others.Count > 0)
        {
            // Bars cannot be thin: the others are added up into one grey bar per category.
            drawn.Add((PlotSeriesData.Sum(SeriesPalette.OthersTitle(others.Count), others), SeriesPalette.Others));
        }
        foreach (var (series, colour) in drawn)
        {
            var bars = new BarSeries
            {
                Title = series.Title, FillColor = colour, XAxisKey = "values", YAxisKey = "categories", IsStacked = stacked, BaseValue = baseValue,
            };
            bars.Items.AddRange(series.Points.Select(p => new BarItem { Value = p.Y, CategoryIndex = categories.IndexOf(PlotSeriesData.Label(p.X)) }));
            model.Series.Add(bars);
        }
    }

    private static Axis ValueAxis(string title, bool log) => Gridlines.Major<Axis>(log
        ? new LogarithmicAxis { Position = AxisPosition.Left, Title = title, StringFormat = "#,0.###" }
        : new LinearAxis { Position = AxisPosition.Left, Title = title, StringFormat = "#,0.###" });

    internal static CategoryAxis CategoryAxis(string title, List<string> categories)
    {
        var axis = new CategoryAxis { Position = AxisPosition.Bottom, Title = title, Angle = categories.Count > 12 ? -45 : 0 };
        // Month buckets (every date a 1st) read as months, not as their first day.
        var months = categories.Count > 0 && categories.All(c => c.Length == 10 && c.EndsWith("-01", StringComparison.Ordinal) && DateOnly.TryParse(c, CultureInfo.InvariantCulture, out _));
        axis.Labels.AddRange(months ? categories.Select(c => c[..7]) : categories);
        return axis;
    }

    /// <summary>
    /// Text categories keep the result's row order (a top-10 by deaths stays in that order);
    /// dates and numbers are put in ascending order.
    /// </summary>
    internal static List<string> Categories(IReadOnlyList<PlotSeriesData> data)
    {
        var values = data.SelectMany(s => s.Points).Select(p => p.X).Distinct();
        return (values.All(v => v is string) ? values : values.Order()).Select(PlotSeriesData.Label).ToList();
    }
}
