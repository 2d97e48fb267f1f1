using Covid.SparkJob.Planning;
using Covid.SparkJob.Results;

namespace Covid.SparkJob.Engine;

/// <summary>
/// Runs a plan to its aggregate table: DuckDB in-process (<see cref="EmbeddedEngine"/>), or Spark
/// on Kubernetes in the server. Every engine is told which analysis it runs, so one whose work
/// outlives the server process (Spark pods) re-attaches after a restart instead of launching again.
/// </summary>
public interface IAnalysisEngine
{
    /// <param name="job">The analysis the plan belongs to.</param>
    /// <param name="progress">Measured steps, each with the engine's own fraction 0..1.</param>
    /// <param name="cancellationToken">Cancelled by a user's cancel or by the server stopping; <see cref="AnalysisJob.CancelRequested"/> tells which.</param>
    Task<ResultTable> RunAsync(AnalysisJob job, AnalysisPlan plan, IProgress<EngineProgress> progress, CancellationToken cancellationToken);
}
