using System.Globalization;
using Covid.SparkJob.Results;
using Covid.V1;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace Covid.Server.Plots;

/// <summary>
/// A heat map: x values (usually periods) across, series values (usually states) down, the first y
/// as colour on a colour axis. Cells without a value are drawn grey. With log_scale the colour is
/// log10 of the value (values at or below zero have no colour), and the colour axis says so.
/// </summary>
internal static class HeatmapChart
{
    public static void Add(PlotModel model, ResultTable table, Plot plot)
    {
        var (xi, si, yi) = (table.IndexOf(plot.X), table.IndexOf(plot.Series), table.IndexOf(plot.Y[0]));
        if (xi < 0 || si < 0 || yi < 0)
        {
            throw new InvalidOperationException("the heat map names a column the result does not have");
        }
        var xs = Ordered(table.Rows.Select(r => r[xi]));
        // Series values top to bottom in alphabetical order: the first state at the top.
        var ys = Ordered(table.Rows.Select(r => r[si]));
        ys.Reverse();
        var data = new double[xs.Count, ys.Count];
        for (var i = 0; i < xs.Count; i++)
        {
            for (var j = 0; j < ys.Count; j++)
            {
                data[i, j] = double.NaN;
            }
        }
        var xIndex = xs.Select((v, i) => (v, i)).ToDictionary(t => t.v, t => t.i);
        var yIndex = ys.Select((v, i) => (v, i)).ToDictionary(t => t.v, t => t.i);
        foreach (var row in table.Rows)
        {
            if (row[yi] is null)
            {
                continue;
            }
            var value = Convert.ToDouble(row[yi], CultureInfo.InvariantCulture);
            data[xIndex[PlotSeriesData.Label(row[xi])], yIndex[PlotSeriesData.Label(row[si])]] =
                plot.LogScale ? (value > 0 ? Math.Log10(value) : double.NaN) : value;
        }
        var xAxis = PlotRenderer.CategoryAxis(plot.X, xs);
        xAxis.Key = "x";
        var yAxis = new CategoryAxis { Position = AxisPosition.Left, Title = plot.Series, Key = "y" };
        yAxis.Labels.AddRange(ys);
        model.Axes.Add(xAxis);
        model.Axes.Add(yAxis);
        model.Axes.Add(new LinearColorAxis
        {
            Position = AxisPosition.Right,
            Palette = OxyPalettes.Viridis(200),
            InvalidNumberColor = OxyColors.LightGray,
            Title = plot.LogScale ? $"log10({plot.Y[0]})" : plot.Y[0],
            StringFormat = "#,0.##",
        });
        model.Series.Add(new HeatMapSeries
        {
            X0 = 0, X1 = xs.Count - 1, Y0 = 0, Y1 = ys.Count - 1,
            XAxisKey = "x", YAxisKey = "y",
            Data = data,
            RenderMethod = HeatMapRenderMethod.Rectangles,
            Interpolate = false,
        });
        model.IsLegendVisible = false;
    }

    // Numbers inside text compare as numbers: HHS2 before HHS10, as a reader counts. (Culture-aware
    // numeric ordering is not available under invariant globalization, so it is done here.)
    private static readonly Comparer<string> NaturalText = Comparer<string>.Create(CompareNatural);

    private static int CompareNatural(string? a, string? b)
    {
        a ??= "";
        b ??= "";
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                var (x, y) = (DigitRun(a, ref i), DigitRun(b, ref j));
                // Equal-length runs without leading zeros compare as numbers when compared as text.
                var order = x.Length != y.Length ? x.Length.CompareTo(y.Length) : string.CompareOrdinal(x, y);
                if (order != 0)
                {
                    return order;
                }
            }
            else if (a[i] != b[j])
            {
                return a[i].CompareTo(b[j]);
            }
            else
            {
                i++;
                j++;
            }
        }
        return (a.Length - i).CompareTo(b.Length - j);
    }

    private static string DigitRun(string text, ref int index)
    {
        var start = index;
        while (index < text.Length && char.IsAsciiDigit(text[index]))
        {
            index++;
        }
        return text[start..index].TrimStart('0');
    }

    /// <summary>Distinct labels: dates and numbers ascending, text in natural order (HHS2 before HHS10), an empty value ("(none)") last.</summary>
    internal static List<string> Ordered(IEnumerable<object?> values)
    {
        var all = values.ToList();
        var present = all.OfType<object>().Distinct().ToList();
        var sorted = present.All(v => v is string) ? present.Cast<string>().Order(NaturalText).Cast<object>() : present.Order();
        var labels = sorted.Select(PlotSeriesData.Label).ToList();
        if (all.Any(v => v is null))
        {
            labels.Add(PlotSeriesData.Label(null));
        }
        return labels;
    }
}
