using System.Diagnostics;
using System.Globalization;
using Covid.Server.Plots;
using Covid.SparkJob.Results;
using Covid.V1;

namespace Covid.Bench.Figures;

/// <summary>
/// How long the renderer takes to draw (and encode as PNG) a chart of many long series — 60
/// jurisdictions × 700 days — against the floor of encoding an empty chart of the same size.
/// </summary>
internal static class ChartDrawing
{
    public const string Usage = "chart [--series 60] [--points 700] [--iterations 15] [--warmup 30]";

    public static Task<int> RunAsync(string[] args)
    {
        var options = BenchArgs.Parse(args, positional: 0);
        var (series, points, iterations) = (options.Int("--series", 60), options.Int("--points", 700), options.Int("--iterations", 15));
        // A server draws many charts: measured once the JIT has optimised the drawing code (a method
        // is recompiled after 30 calls), not the first few draws of a cold process.
        var warmup = options.Int("--warmup", 30);
        var rows = new List<object?[]>();
        for (var s = 0; s < series; s++)
        {
            for (var d = 0; d < points; d++)
            {
                rows.Add([new DateOnly(2020, 3, 1).AddDays(d), $"S{s:00}", (long)((s + 1) * 100 + 50 * Math.Sin((d + s) / 15.0))]);
            }
        }
        var table = new ResultTable(
            [new ResultColumn("period", ColumnType.Date), new ResultColumn("state", ColumnType.String), new ResultColumn("cases", ColumnType.Int64)], rows);
        var one = new ResultTable(table.Columns, [rows[0]]);
        var plot = new Plot { Kind = Plot.Types.Kind.Line, Title = "Daily cases", X = "period", Y = { "cases" }, Series = "state" };
        var renderer = new PlotRenderer();
        var (full, empty) = (new Timing("full"), new Timing("one point"));
        for (var i = -warmup; i < iterations; i++)
        {
            var clock = Stopwatch.StartNew();
            renderer.Render(table, plot);
            var fullMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            renderer.Render(one, plot);
            var emptyMs = clock.Elapsed.TotalMilliseconds;
            if (i >= 0)
            {
                full.Add(fullMs);
                empty.Add(emptyMs);
            }
        }
        Console.WriteLine("| chart | median ms | one-point chart of the same size, median ms | ratio |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| LINE, {series} series × {points} days, 1000×600 | {full.Median:F1} | {empty.Median:F1} | {full.Median / empty.Median:F2}x |"));
        return Task.FromResult(0);
    }
}
