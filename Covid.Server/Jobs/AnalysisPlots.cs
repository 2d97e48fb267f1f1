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
/// earlier. Either way it is drawn once, from the stored result, and written whole before anyone
/// reads it, so GetPlot never streams half a chart. Every chart names its source release on its last line.
/// </summary>
public sealed class AnalysisPlots(AnalysisStore store, ResultCache results, PlotRenderer renderer, SchemaCatalog catalog, ILogger<AnalysisPlots> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<string, Lazy<Task>> drawing = new(StringComparer.Ordinal);

    // Work for idle moments only: when it is full, the chart is drawn by its first GetPlot instead.
    private readonly Channel<(string Id, Plot Plot, ActivityContext Trace)> soon = Channel.CreateBounded<(string, Plot, ActivityContext)>(
        new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    /// <summary>The stored chart, drawn first if it is not yet.</summary>
    public async Task<Stream> OpenAsync(string id, Plot plot)
    {
        if (!store.HasPlot(id))
        {
            await DrawOnceAsync(id, plot);
        }
        return store.OpenPlot(id);
    }

    /// <summary>Asks for the chart to be drawn in the background, ahead of the first GetPlot.</summary>
    public void DrawSoon(string id, Plot plot) => soon.Writer.TryWrite((id, plot, Activity.Current?.Context ?? default));

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

    /// <summary>Concurrent callers for the same chart share one drawing.</summary>
    private async Task DrawOnceAsync(string id, Plot plot)
    {
        var once = drawing.GetOrAdd(id, _ => new Lazy<Task>(() => Task.Run(() => Draw(id, plot))));
        try
        {
            await once.Value;
        }
        finally
        {
            drawing.TryRemove(new KeyValuePair<string, Lazy<Task>>(id, once));
        }
    }

    private void Draw(string id, Plot plot)
    {
        if (store.HasPlot(id))
        {
            return;
        }
        var result = results.GetOrLoad(id, store.LoadResult);
        store.SavePlot(id, renderer.Render(ResultMapper.ToTable(result), plot, SourceFooter.Text(result, catalog)).Png);
    }
}
