using Covid.SparkJob.Planning;
using Covid.SparkJob.Results;

namespace Covid.SparkJob.Engine;

/// <summary>Runs a plan to its aggregate table. Embedded (DuckDB) here; Spark on Kubernetes in the server.</summary>
public interface IAnalysisEngine
{
    Task<ResultTable> RunAsync(AnalysisPlan plan, IProgress<EngineProgress> progress, CancellationToken cancellationToken);
}
