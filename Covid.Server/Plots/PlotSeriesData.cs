using System.Globalization;
using Covid.SparkJob.Results;

namespace Covid.Server.Plots;

/// <summary>
/// A result table cut into what a chart draws: one named list of (x, y) per series value and y
/// column. Dates and numbers are sorted by x (results are often ordered by a metric);
/// text x keeps the result's row order, which is the order the user asked for.
/// </summary>
internal sealed record PlotSeriesData(string Title, IReadOnlyList<(object X, double Y)> Points)
{
    public static IReadOnlyList<PlotSeriesData> From(ResultTable table, string x, IReadOnlyList<string> ys, string? series)
    {
        var xIndex = Require(table, x);
        var seriesIndex = string.IsNullOrEmpty(series) ? -1 : Require(table, series);
        var result = new List<PlotSeriesData>();
        var groups = table.Rows.GroupBy(r => seriesIndex < 0 ? "" : Label(r[seriesIndex]))
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            foreach (var y in ys)
            {
                var yIndex = Require(table, y);
                var points = group.Where(r => r[xIndex] is not null && r[yIndex] is not null)
                    .Select(r => (X: r[xIndex]!, Y: Convert.ToDouble(r[yIndex], CultureInfo.InvariantCulture)))
                    .ToList();
                if (points.Count > 0 && points[0].X is not string)
                {
                    // Lines are drawn in x order; text x (bar categories) keeps the result's order.
                    points.Sort((a, b) => Comparer<object>.Default.Compare(a.X, b.X));
                }
                var title = (seriesIndex < 0, ys.Count > 1) switch
                {
                    (true, _) => y,
                    (false, false) => group.Key,
                    (false, true) => $"{group.Key} {y}",
                };
                result.Add(new PlotSeriesData(title, points));
            }
        }
        return result;
    }

    /// <summary>The series added up point by point (same x), in x order of first appearance.</summary>
    public static PlotSeriesData Sum(string title, IEnumerable<PlotSeriesData> series)
    {
        var totals = new Dictionary<string, (object X, double Y)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (x, y) in series.SelectMany(s => s.Points))
        {
            var key = Label(x);
            if (totals.TryGetValue(key, out var total))
            {
                totals[key] = (total.X, total.Y + y);
            }
            else
            {
                totals[key] = (x, y);
                order.Add(key);
            }
        }
        return new PlotSeriesData(title, order.Select(k => totals[k]).ToList());
    }

    public static string Label(object? value) => value switch
    {
        null => "(none)",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static int Require(ResultTable table, string column)
    {
        var index = table.IndexOf(column);
        return index >= 0 ? index : throw new InvalidOperationException($"the plot names column \"{column}\", which the result does not have");
    }
}
