using Covid.SparkJob.Datasets;
using Covid.SparkJob.Engine;
using Covid.SparkJob.Ingestion;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Results;
using Covid.SparkJob.Samples;
using Covid.SparkJob.Sql;
using Covid.V1;

namespace Covid.Tests.Support;

/// <summary>Plans and runs a spec on the embedded engine, collecting its progress.</summary>
internal static class EngineHarness
{
    /// <summary>An analysis for runs outside the server; any cancellation is a user\'s.</summary>
    public static AnalysisJob Job { get; } = new("test", () => true);

    public static async Task<ResultTable> RunAsync(AnalysisSpec spec, IDatasetLookup datasets, List<EngineProgress>? events = null)
    {
        var plan = AnalysisPlanner.Plan(spec, datasets);
        var sink = new Recorder(events ?? []);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var engine = new EmbeddedEngine();
        return await engine.RunAsync(Job, plan, sink, timeout.Token);
    }

    /// <summary>Synchronous IProgress: Progress&lt;T&gt; would post to the thread pool and race the assertions.</summary>
    internal sealed class Recorder(List<EngineProgress> events) : IProgress<EngineProgress>
    {
        public void Report(EngineProgress value)
        {
            lock (events)
            {
                events.Add(value);
            }
        }
    }

    public static T Cell<T>(ResultTable table, object?[] row, string column) => (T)row[table.IndexOf(column)]!;
}
