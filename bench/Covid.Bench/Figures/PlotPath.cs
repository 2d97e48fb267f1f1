using System.Diagnostics;
using System.Globalization;
using Covid.Server.Jobs;
using Covid.Server.Plots;
using Covid.Server.Storage;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Planning;
using Covid.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Covid.Bench.Figures;

/// <summary>
/// The chart path of one small analysis taken apart, a stage at a time on one thread: the stored
/// result back in table form, the OxyPlot model, drawing, PNG encoding, writing and reading the
/// file, and a GetPlot of a chart already drawn, against the whole analysis without a chart
/// (submit, progress to the end, GetResult) — what each stage costs of an analysis. The stages
/// run in rounds (each once per round) after a long warm-up, so the JIT has optimised the code
/// and a change in the machine's load falls on all alike.
/// </summary>
internal static class PlotPath
{
    public const string Usage = "plot-path SEED.csv SPEC.json [--iterations 100] [--warmup 300] [--save CHART.png]";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchArgs.Parse(args, positional: 2);
        var (seed, specPath) = (Path.GetFullPath(options.Positional[0]), options.Positional[1]);
        var (iterations, warmup) = (options.Int("--iterations", 100), options.Int("--warmup", 300));
        var spec = JsonParser.Default.Parse<AnalysisSpec>(File.ReadAllText(specPath));
        var plot = spec.Plot ?? throw new InvalidOperationException($"{specPath} has no plot section");

        await using var server = await BenchServer.StartAsync(seed);
        using var channel = server.Channel();
        var client = new AnalysisService.AnalysisServiceClient(channel);
        var name = await RunAsync(client, spec);
        var result = await client.GetResultAsync(new GetResultRequest { Name = name });
        var footer = SourceFooter.Text(result, server.Services.GetRequiredService<SchemaCatalog>());
        var (width, height) = PlotSize.Resolve(plot);
        var table = ResultMapper.ToTable(result);
        using var drawn = PlotRenderer.Draw(PlotRenderer.Build(table, plot, width), width, height, footer);
        var png = PlotRenderer.Encode(drawn);
        if (options.String("--save") is { } save)
        {
            File.WriteAllBytes(save, png); // to look at
        }
        foreach (var (kind, log) in new[] { (Plot.Types.Kind.Line, false), (Plot.Types.Kind.Line, true), (Plot.Types.Kind.Bar, false) })
        {
            var variant = plot.Clone();
            variant.Kind = kind;
            variant.LogScale = log;
            var dotted = PlotRenderer.Build(table, variant, width);
            foreach (var a in dotted.Axes.Where(a => a.MajorGridlineStyle != OxyPlot.LineStyle.None))
            {
                a.MajorGridlineStyle = OxyPlot.LineStyle.Dot;
                a.MajorGridlineColor = OxyPlot.OxyColor.FromArgb(0x40, 0, 0, 0);
            }
            using var a1 = PlotRenderer.Draw(dotted, width, height, footer);
            using var a2 = PlotRenderer.Draw(PlotRenderer.Build(table, variant, width), width, height, footer);
            var (p1, p2) = (System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(a1.GetPixelSpan()).ToArray(), System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(a2.GetPixelSpan()).ToArray());
            var diff = Enumerable.Range(0, p1.Length).Where(i => p1[i] != p2[i]).ToList();
            Console.WriteLine($"{kind} log={log}: dotted vs solid gridlines, {diff.Count} pixels differ" + string.Concat(diff.Take(8).Select(i => $" ({i % width},{i / width}: {p1[i]:x8} vs {p2[i]:x8})")));
        }
        using (var back = SkiaSharp.SKBitmap.Decode(png))
        {
            var same = back.Width == width && back.Height == height && Enumerable.Range(0, height).All(y => Enumerable.Range(0, width).All(x => back.GetPixel(x, y) == drawn.GetPixel(x, y)));
            Console.WriteLine($"PNG decoded back by Skia: pixels identical: {same}");
        }
        var files = Directory.CreateTempSubdirectory("covid-bench-plot-");
        try
        {
            var (next, variant) = (0, 0);
            var stages = new List<(string Stage, Func<Task> Run)>
            {
                ("stored result → table (ResultMapper.ToTable)", () => Sync(() => ResultMapper.ToTable(result))),
                ("OxyPlot model (PlotRenderer.Build)", () => Sync(() => PlotRenderer.Build(table, plot, width))),
                ("model built and drawn into a bitmap", () => Sync(() => PlotRenderer.Draw(PlotRenderer.Build(table, plot, width), width, height, footer).Dispose())),
                ("  the same without gridlines", () => Sync(() => { var m = PlotRenderer.Build(table, plot, width); foreach (var a in m.Axes) { a.MajorGridlineStyle = OxyPlot.LineStyle.None; } PlotRenderer.Draw(m, width, height, footer).Dispose(); })),
                ("  the same without series (and so without legend)", () => Sync(() => { var m = PlotRenderer.Build(table, plot, width); m.Series.Clear(); PlotRenderer.Draw(m, width, height, footer).Dispose(); })),
                ("  the same without legend", () => Sync(() => { var m = PlotRenderer.Build(table, plot, width); m.IsLegendVisible = false; PlotRenderer.Draw(m, width, height, footer).Dispose(); })),
                ("PNG encode", () => Sync(() => PlotRenderer.Encode(drawn))),
                ("PNG encode, Skia's (libpng, Sub filter, zlib 3)", () => Sync(() => { using var px = drawn.PeekPixels(); using var d = px.Encode(new SkiaSharp.SKPngEncoderOptions(SkiaSharp.SKPngEncoderFilterFlags.Sub, 3)); })),
                ("the whole render (PlotRenderer.Render)", () => Sync(() => new PlotRenderer().Render(table, plot, footer))),
                ("writing plot.png as before (no longer done: charts stay in memory)", () => Sync(() => AtomicFile.Write(Path.Combine(files.FullName, $"{next++}.png"), s => s.Write(png), durable: false))),
                ("reading it back", () => ReadAsync(Path.Combine(files.FullName, "0.png"))),
                ("GetPlot of a chart already drawn (gRPC, client included)", () => GetPlotAsync(client, name)),
                ("GetResult (gRPC, client included)", () => client.GetResultAsync(new GetResultRequest { Name = name }).ResponseAsync),
                ("a whole analysis without its chart (baseline)", () => RunAsync(client, WithoutPlot(spec, variant++))),
            };
            Console.WriteLine($"spec: {Path.GetFileName(specPath)}, {result.RowCount} rows, chart {width}×{height}, PNG {png.Length:N0} bytes; medians of {iterations} runs on one thread after {warmup}");
            Console.WriteLine("| stage | median ms (CPU of this thread; wall for the gRPC calls) | allocated KB | of an analysis without chart (wall) |");
            Console.WriteLine("|---|---:|---:|---:|");
            var measured = await MeasureAsync(stages, iterations, warmup);
            var baseline = measured[^1].Ms;
            foreach (var (stage, ms, kb) in measured)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {stage} | {ms:F2} | {kb:F0} | {ms / baseline:F2}x |"));
            }
        }
        finally
        {
            files.Delete(recursive: true);
        }
        return 0;
    }

    private static Task Sync(Action run)
    {
        run();
        return Task.CompletedTask;
    }

    /// <summary>Every stage once per round, round after round, so a change in the machine's load falls on all alike.</summary>
    private static async Task<List<(string Stage, double Ms, double Kb)>> MeasureAsync(List<(string Stage, Func<Task> Run)> stages, int iterations, int warmup)
    {
        var timings = stages.Select(s => new Timing(s.Stage)).ToList();
        var allocated = new long[stages.Count];
        for (var i = -warmup; i < iterations; i++)
        {
            for (var s = 0; s < stages.Count; s++)
            {
                var before = GC.GetTotalAllocatedBytes();
                var (clock, cpu) = (Stopwatch.StartNew(), ThreadCpu.Now());
                var run = stages[s].Run();
                // A stage done on this thread is timed by this thread's CPU time, which the other
                // processes on a busy machine do not inflate; one that awaited, by the wall clock.
                var ms = run.IsCompleted ? (ThreadCpu.Now() - cpu).TotalMilliseconds : -1;
                await run;
                if (i >= 0)
                {
                    timings[s].Add(ms >= 0 ? ms : clock.Elapsed.TotalMilliseconds);
                    allocated[s] += GC.GetTotalAllocatedBytes() - before;
                }
            }
        }
        return [.. stages.Select((s, i) => (s.Stage, timings[i].Median, allocated[i] / 1024.0 / iterations))];
    }

    private static async Task ReadAsync(string path)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        var buffer = new byte[64 * 1024];
        while (await file.ReadAsync(buffer) > 0)
        {
        }
    }

    private static async Task GetPlotAsync(AnalysisService.AnalysisServiceClient client, string name)
    {
        using var call = client.GetPlot(new GetPlotRequest { Name = name });
        await foreach (var _ in call.ResponseStream.ReadAllAsync())
        {
        }
    }

    private static async Task<string> RunAsync(AnalysisService.AnalysisServiceClient client, AnalysisSpec spec)
    {
        var analysis = await client.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = spec, RequestId = Guid.NewGuid().ToString("N") });
        using (var stream = client.StreamProgress(new StreamProgressRequest { Name = analysis.Name }))
        {
            await foreach (var _ in stream.ResponseStream.ReadAllAsync())
            {
            }
        }
        await client.GetResultAsync(new GetResultRequest { Name = analysis.Name });
        return analysis.Name;
    }

    /// <summary>The spec without its chart over a range starting <c>i / 150 % 60</c> and ending <c>i % 150</c> days earlier: 9,000 distinct specs, so none is answered from the cache.</summary>
    private static AnalysisSpec WithoutPlot(AnalysisSpec spec, int i)
    {
        var bare = spec.Clone();
        bare.Plot = null;
        bare.DateRange.Start = Earlier(bare.DateRange.Start, i / 150 % 60);
        bare.DateRange.End = Earlier(bare.DateRange.End, i % 150);
        return bare;
    }

    private static string Earlier(string date, int days) =>
        DateOnly.Parse(date, CultureInfo.InvariantCulture).AddDays(-days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
