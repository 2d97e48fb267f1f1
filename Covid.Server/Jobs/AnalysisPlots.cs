using System.Collections.Concurrent;
using System.Diagnostics;
using Covid.Server.Plots;
using Covid.Server.Telemetry;
using Covid.SparkJob.Catalog;
using Covid.V1;

namespace Covid.Server.Jobs;

/// <summary>
/// Charts are drawn off the analysis' path, lazily: its result is stored and it SUCCEEDS without a
/// chart, which the first GetPlot draws, once, from the cached result, and keeps whole in memory
/// (<see cref="RecentPlots"/>) before anyone reads it, so GetPlot never streams half a chart. An
/// analysis whose chart no one asks for never costs a drawing; drawing ahead in the background
/// cost every analysis its CPU, on a busy server, for the few charts fetched. A chart is not
/// written to disk: it is derived from the stored result, and creating a file per chart cost more
/// CPU than drawing it again does; one pushed out of memory (or lost to a restart) is drawn again,
/// the same, by the GetPlot that asks for it. A plot.png stored by an earlier version is served
/// as it is. Every chart names its source release on its last line.
/// </summary>
public sealed class AnalysisPlots(AnalysisStore store, ResultCache results, PlotRenderer renderer, SchemaCatalog catalog) : IDisposable
{
    /// <summary>Memory for the PNGs of recent charts: ~230 the size of the weekly example's (140 KB).</summary>
    private const long RecentPlotBytes = 32L * 1024 * 1024;

    private readonly ConcurrentDictionary<string, Task<byte[]>> drawing = new(StringComparer.Ordinal);
    private readonly RecentPlots recent = new(RecentPlotBytes);

    // Drawing is CPU work, done on the caller's thread: more at once than there are cores only
    // makes each one slower, and ties up thread-pool threads the gRPC calls need. A GetPlot waits
    // for a core, never for a queue.
    private readonly SemaphoreSlim cores = new(Environment.ProcessorCount);

    /// <summary>
    /// The chart, drawn first if it is not in memory (nor stored by an earlier version). The
    /// drawing's span belongs to the analysis' trace (<paramref name="analysisTrace"/>, when this
    /// process ran it) and links the GetPlot that asked for it.
    /// </summary>
    public async Task<Stream> OpenAsync(string id, Plot plot, ActivityContext analysisTrace)
    {
        if (recent.TryGet(id, out var png))
        {
            return Whole(png);
        }
        return store.HasPlot(id) ? store.OpenPlot(id) : Whole(await DrawOnceAsync(id, plot, analysisTrace));
    }

    public void Dispose() => cores.Dispose();

    /// <summary>
    /// Concurrent callers for the same chart share one drawing, done by the first on its own
    /// thread (no hop to another: on a loaded machine each hop waits its turn for a core); the
    /// others await it without blocking a thread.
    /// </summary>
    private async Task<byte[]> DrawOnceAsync(string id, Plot plot, ActivityContext analysisTrace)
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
                ActivityLink[]? asker = Activity.Current is { } call ? [new ActivityLink(call.Context)] : null;
                using var activity = CovidDiagnostics.Traces.StartActivity("DrawPlot", ActivityKind.Internal, analysisTrace, links: asker);
                activity?.SetTag(CovidDiagnostics.AnalysisIdTag, id);
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
