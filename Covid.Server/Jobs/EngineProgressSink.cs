using Covid.SparkJob.Engine;

namespace Covid.Server.Jobs;

/// <summary>
/// Feeds an engine's measured steps into the analysis' event stream as they happen. Synchronous on
/// purpose (not <see cref="Progress{T}"/>, which posts to the thread pool and can reorder reports).
/// </summary>
internal sealed class EngineProgressSink(AnalysisEntry entry, AnalysisLifecycle lifecycle) : IProgress<EngineProgress>
{
    /// <summary>The engine's own 0..1 occupies this slice of the overall fraction; planning comes before, plot and storage after.</summary>
    public const double Start = 0.05;
    public const double End = 0.85;

    public void Report(EngineProgress value) =>
        lifecycle.Report(entry, value, Start + (End - Start) * Math.Clamp(value.Fraction, 0, 1));
}
