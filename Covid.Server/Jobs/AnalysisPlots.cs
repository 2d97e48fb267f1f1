using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Covid.Server.Plots;
using Covid.Server.Telemetry;
using Covid.SparkJob.Catalog;
using Covid.V1;

namespace Covid.Server.Jobs;

/// <summary>
/// Charts are drawn off the analysis' path: its result is stored and it SUCCEEDS without waiting
/// for the chart, which is drawn soon after in the background, or on the first GetPlot that comes
/// earlier. Either way it is drawn once, from the cached result, and kept whole in memory
/// (<see cref="RecentPlots"/>) before anyone reads it, so GetPlot never streams half a chart.
/// A chart is not written to disk: it is derived from the stored result, and creating a file per
/// chart cost more CPU than drawing it again does; one pushed out of memory (or lost to a
/// restart) is drawn again, the same, by the GetPlot that asks for it. A plot.png stored by an
/// earlier version is served as it is. Every chart names its source release on its last line.
/// </summary>
public sealed class AnalysisPlots(AnalysisStore store, ResultCache results, PlotRenderer renderer, SchemaCatalog catalog, ILogger<AnalysisPlots> logger)
    : BackgroundService
{
    /// <summary>Memory for the PNGs of recent charts: ~230 the size of the weekly example's (140 KB).</summary>
    private const long RecentPlotBytes = 32L * 1024 * 1024;

    private readonly ConcurrentDictionary<string, Task<byte[]>> drawing = new(StringComparer.Ordinal);
    private readonly RecentPlots recent = new(RecentPlotBytes);

    // Drawing is CPU work, done on the caller's thread: more at once than there are cores only
    // makes each one slower, and ties up thread-pool threads the gRPC calls need. A GetPlot waits
    // for a core, never for a queue.
    private readonly SemaphoreSlim cores = new(Environment.ProcessorCount);

    // Work for idle moments only, newest first in mind: under load a long queue would fall behind
    // the GetPlots (which draw their own), and by the time it came to a chart that had been drawn,
    // served and pushed out of memory, it would draw it again for no one. So it holds only a few,
    // the oldest dropped; a dropped chart is drawn by its first GetPlot.
    private readonly Channel<(string Id, Plot Plot, ActivityContext Trace)> soon = Channel.CreateBounded<(string, Plot, ActivityContext)>(
        new BoundedChannelOptions(Environment.ProcessorCount) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    /// <summary>The chart, drawn first if it is not in memory (nor stored by an earlier version).</summary>
    public async Task<Stream> OpenAsync(string id, Plot plot)
    {
        if (recent.TryGet(id, out var png))
        {
            return Whole(png);
        }
        return store.HasPlot(id) ? store.OpenPlot(id) : Whole(await DrawOnceAsync(id, plot));
    }

    /// <summary>Asks for the chart to be drawn in the background, ahead of the first GetPlot.</summary>
    public void DrawSoon(string id, Plot plot) => soon.Writer.TryWrite((id, plot, Activity.Current?.Context ?? default));

    public override void Dispose()
    {
        cores.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (id, plot, trace) in soon.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    // The drawing belongs to the analysis' trace, not to the loop's.
                    using var activity = CovidDiagnostics.Traces.StartActivity("DrawPlot", ActivityKind.Internal, trace);
                    activity?.SetTag(CovidDiagnostics.AnalysisIdTag, id);
                    await DrawOnceAsync(id, plot);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // GetPlot draws it again and answers with whatever goes wrong then.
                    logger.LogWarning(ex, "Drawing the chart of analysis {Id} failed", id);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Concurrent callers for the same chart share one drawing, done by the first on its own
    /// thread (no hop to another: on a loaded machine each hop waits its turn for a core); the
    /// others await it without blocking a thread.
    /// </summary>
    private async Task<byte[]> DrawOnceAsync(string id, Plot plot)
    {
        var mine = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var shared = drawing.GetOrAdd(id, mine.Task);
        if (shared != mine.Task)
        {
            return await shared;
        }
        try
        {
            await cores.WaitAsync();
            try
            {
                mine.SetResult(Draw(id, plot));
            }
            finally
            {
                cores.Release();
            }
        }
        catch (Exception ex)
        {
            mine.SetException(ex);
        }
        finally
        {
            drawing.TryRemove(new KeyValuePair<string, Task<byte[]>>(id, mine.Task));
        }
        return await mine.Task;
    }

    private byte[] Draw(string id, Plot plot)
    {
        if (recent.TryGet(id, out var png))
        {
            return png;
        }
        var result = results.GetOrLoad(id, store.LoadResult);
        png = renderer.Render(ResultMapper.ToTable(result), plot, SourceFooter.Text(result, catalog)).Png;
        recent.Add(id, png);
        return png;
    }

    /// <summary>A read-only stream over the whole PNG whose buffer GetPlot may send as it is.</summary>
    private static MemoryStream Whole(byte[] png) => new(png, 0, png.Length, writable: false, publiclyVisible: true);
}
