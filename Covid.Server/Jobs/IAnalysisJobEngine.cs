using Covid.SparkJob.Engine;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Results;

namespace Covid.Server.Jobs;

/// <summary>
/// An engine whose work outlives the server process (Spark pods): it is told which analysis it
/// runs, so a restarted server re-attaches instead of launching again, and whether a cancellation
/// is a user's cancel (stop the work) or a server shutdown (leave it running to re-attach to).
/// </summary>
public interface IAnalysisJobEngine : IAnalysisEngine
{
    Task<ResultTable> RunAsync(AnalysisJob job, AnalysisPlan plan, IProgress<EngineProgress> progress, CancellationToken cancellationToken);
}

/// <param name="Id">The analysis id; names and labels of everything the engine creates derive from it.</param>
/// <param name="CancelRequested">True once a client cancelled, as opposed to the server stopping.</param>
public sealed record AnalysisJob(string Id, Func<bool> CancelRequested);
