using System.Diagnostics.Metrics;
using Covid.Server.Telemetry;
using Covid.V1;
using State = Covid.V1.Analysis.Types.State;

namespace Covid.Server.Jobs;

/// <summary>
/// What an operator watches: analyses entering each state, how many wait and run, how long they
/// waited and ran, and how often a result came from memory.
/// </summary>
public sealed class AnalysisMetrics
{
    private readonly Counter<long> stateChanges;
    private readonly UpDownCounter<long> running;
    private readonly Histogram<double> waited;
    private readonly Histogram<double> ran;
    private readonly Counter<long> cacheLookups;

    public AnalysisMetrics(IMeterFactory meters, AnalysisQueue queue)
    {
        var meter = meters.Create(CovidDiagnostics.Name);
        stateChanges = meter.CreateCounter<long>("covid.analyses.state_changes", "{analysis}", "Analyses entering a state (covid.state), by engine");
        meter.CreateObservableUpDownCounter("covid.analyses.queued", () => (long)queue.Count, "{analysis}", "Analyses waiting for a worker");
        running = meter.CreateUpDownCounter<long>("covid.analyses.running", "{analysis}", "Analyses a worker is running");
        waited = meter.CreateHistogram<double>("covid.analysis.wait.duration", "s", "From submit to a worker taking it");
        ran = meter.CreateHistogram<double>("covid.analysis.run.duration", "s", "From a worker taking it to its end, by final state");
        cacheLookups = meter.CreateCounter<long>("covid.cache.lookups", "{lookup}", "Reads served from memory (outcome hit) or not (miss), by cache");
    }

    /// <summary>Called by the lifecycle for each change of state, with the analysis as it is now.</summary>
    public void Entered(State previous, Analysis analysis)
    {
        if (previous == analysis.State)
        {
            return;
        }
        var engine = new KeyValuePair<string, object?>(CovidDiagnostics.EngineTag, Label(analysis.Engine.ToString()));
        stateChanges.Add(1, engine, new KeyValuePair<string, object?>(CovidDiagnostics.StateTag, Label(analysis.State.ToString())));
        if (analysis.State == State.Running && analysis.CreateTime is { } created && analysis.StartTime is { } started)
        {
            waited.Record(Seconds(started.ToDateTimeOffset() - created.ToDateTimeOffset()), engine);
        }
        if (AnalysisLifecycle.IsTerminal(analysis.State) && analysis.StartTime is { } start && analysis.EndTime is { } end)
        {
            ran.Record(Seconds(end.ToDateTimeOffset() - start.ToDateTimeOffset()), engine,
                new KeyValuePair<string, object?>(CovidDiagnostics.StateTag, Label(analysis.State.ToString())));
        }
    }

    /// <summary>Counts a run from the moment a worker takes it until disposed.</summary>
    public IDisposable Running()
    {
        running.Add(1);
        return new Ended(() => running.Add(-1));
    }

    public void CacheLookup(string cache, bool hit) =>
        cacheLookups.Add(1, new KeyValuePair<string, object?>("covid.cache", cache), new KeyValuePair<string, object?>("covid.outcome", hit ? "hit" : "miss"));

    private static string Label(string enumName) => enumName.ToLowerInvariant();

    private static double Seconds(TimeSpan span) => Math.Max(0, span.TotalSeconds);

    private sealed class Ended(Action end) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                end();
            }
        }
    }
}
