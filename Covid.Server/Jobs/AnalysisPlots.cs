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
/// earlier. Either way it is drawn once, from the cached result, written whole to plot.png and kept
/// whole in memory (<see cref="RecentPlots"/>) before anyone reads it, so GetPlot never streams
/// half a chart, and the GetPlot that follows a drawing is served without touching the disk.
/// Every chart names its source release on its last line.
/// </summary>
public sealed class AnalysisPlots(AnalysisStore store, ResultCache results, PlotRenderer renderer, SchemaCatalog catalog, ILogger<AnalysisPlots> logger)
    : BackgroundService
{
    /// <summary>Memory for the PNGs of recent charts: ~350 charts of the default 1000×600 size.</summary>
    private const long RecentPlotBytes = 32L * 1024 * 1024;

    private readonly ConcurrentDictionary<string, Lazy<Task<byte[]?>>> drawing = new(StringComparer.Ordinal);
    private readonly RecentPlots recent = new(RecentPlotBytes);

    // Drawing is CPU work: more at once than there are cores only makes each one slower, and ties
    // up thread-pool threads the gRPC calls need. A GetPlot waits for a core, never for a queue.
    private readonly SemaphoreSlim cores = new(Environment.ProcessorCount);

    // Work for idle moments only: when it is full, the chart is drawn by its first GetPlot instead.
    private readonly Channel<(string Id, Plot Plot, ActivityContext Trace)> soon = Channel.CreateBounded<(string, Plot, ActivityContext)>(
        new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    /// <summary>The chart, drawn first if it is not yet: from memory when it was drawn lately, else from plot.png.</summary>
    public async Task<Stream> OpenAsync(string id, Plot plot)
    {
        if (recent.TryGet(id, out var png))
        {
            return Whole(png);
        }
        var drawn = store.HasPlot(id) ? null : await DrawOnceAsync(id, plot);
        return drawn is null ? store.OpenPlot(id) : Whole(drawn);
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

    /// <summary>Concurrent callers for the same chart share one drawing; null when it was drawn and stored already.</summary>
    private async Task<byte[]?> DrawOnceAsync(string id, Plot plot)
    {
        var once = drawing.GetOrAdd(id, _ => new Lazy<Task<byte[]?>>(() => DrawAsync(id, plot)));
        try
        {
            return await once.Value;
        }
        finally
        {
            drawing.TryRemove(new KeyValuePair<string, Lazy<Task<byte[]?>>>(id, once));
        }
    }

    private async Task<byte[]?> DrawAsync(string id, Plot plot)
    {
        await cores.WaitAsync();
        try
        {
            return await Task.Run(() => Draw(id, plot));
        }
        finally
        {
            cores.Release();
        }
    }

    private byte[]? Draw(string id, Plot plot)
    {
        if (recent.TryGet(id, out var png))
        {
            return png;
        }
        if (store.HasPlot(id))
        {
            return null;
        }
        var result = results.GetOrLoad(id, store.LoadResult);
        png = renderer.Render(ResultMapper.ToTable(result), plot, SourceFooter.Text(result, catalog)).Png;
        store.SavePlot(id, png);
        recent.Add(id, png);
        return png;
    }

    /// <summary>A read-only stream over the whole PNG whose buffer GetPlot may send as it is.</summary>
    private static MemoryStream Whole(byte[] png) => new(png, 0, png.Length, writable: false, publiclyVisible: true);
}
