using Covid.SparkJob.Engine;

namespace Covid.Server.Jobs;

/// <summary>
/// Feeds an engine's measured steps into the analysis' event stream as they happen. Synchronous on
/// purpose (not <see cref="Progress{T}"/>, which posts to the thread pool and can reorder reports).
/// </summary>
internal sealed class EngineProgressSink(AnalysisEntry entry, AnalysisLifecycle lifecycle) : IProgress<EngineProgress>
{
    public void Report(EngineProgress value) => lifecycle.Report(entry, value, ProgressBudget.Overall(value.Fraction));
}
