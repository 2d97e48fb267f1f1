using Covid.SparkJob.Engine;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Results;
using Covid.SparkJob.Spark;
using Stage = Covid.V1.ProgressEvent.Types.Stage;

namespace Covid.Server.Spark;

/// <summary>
/// Runs a plan on Spark in the cluster: finds or launches the analysis' driver pod, follows it to
/// its end and reads the JSON result it wrote on the shared volume. Launching is idempotent per
/// analysis (fixed names, adopt on 409, look for an existing driver first), so an analysis is
/// never running twice, even across server restarts.
/// </summary>
public sealed class SparkOnKubernetesEngine(
    SparkObjectsFactory factory,
    SparkLauncher launcher,
    DriverFollower follower,
    DriverRemover remover,
    DriverLog log,
    SparkResultWait resultWait,
    ILogger<SparkOnKubernetesEngine> logger) : IAnalysisEngine
{
    /// <summary>How long cleaning up after a cancel or a timeout may take before giving up waiting.</summary>
    public static readonly TimeSpan RemoveTimeout = TimeSpan.FromMinutes(2);

    public async Task<ResultTable> RunAsync(AnalysisJob job, AnalysisPlan plan, IProgress<EngineProgress> progress, CancellationToken cancellationToken)
    {
        var objects = factory.Create(job.Id, plan);
        var names = objects.Names;
        var ns = factory.Namespace;
        var resultDirectory = factory.ResultDirectory(job.Id);
        try
        {
            var driver = await launcher.FindDriverAsync(names, ns, cancellationToken);
            if (driver is not null)
            {
                progress.Report(new EngineProgress(Stage.LaunchingDriver, ProgressBudget.SparkReattached, $"re-attached to driver pod {driver.Metadata.Name}",
                    PodPhase: driver.Status?.Phase ?? ""));
                logger.LogInformation("Analysis {Id}: re-attached to driver pod {Pod}", job.Id, driver.Metadata.Name);
                await launcher.EnsureDependentsAsync(objects, driver, ns, cancellationToken);
            }
            else if (SparkResultReader.IsComplete(resultDirectory))
            {
                // The driver finished (and was swept) while no server followed it: its committed result stands.
                logger.LogInformation("Analysis {Id}: reading the result of an earlier Spark run", job.Id);
                return Read(plan, resultDirectory, progress);
            }
            else
            {
                progress.Report(new EngineProgress(Stage.LaunchingDriver, ProgressBudget.SparkCreating,
                    $"creating driver pod {names.DriverPod}, ConfigMap {names.ConfigMap} and Service {names.Service} in {ns}"));
                await launcher.LaunchAsync(objects, ns, cancellationToken);
            }

            var end = await follower.FollowAsync(names, ns, progress, cancellationToken);
            if (end.End.Outcome == DriverOutcome.Succeeded)
            {
                return await ReadWhenVisibleAsync(names, plan, resultDirectory, progress, cancellationToken);
            }
            throw new SparkDriverException(await FailureReasonAsync(names, ns, end, cancellationToken));
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested && job.CancelRequested())
        {
            progress.Report(new EngineProgress(Stage.RunningSpark, 1, $"cancelling: deleting driver pod {names.DriverPod}"));
            using var timeout = new CancellationTokenSource(RemoveTimeout);
            await remover.RemoveAsync(names, ns, timeout.Token, progress);
            throw;
        }
    }

    /// <summary>
    /// The driver's own reason, its log tail while it still has one, the failed executors' log tails;
    /// a driver the server stopped (timeouts) is removed with every pod of its run first.
    /// </summary>
    private async Task<string> FailureReasonAsync(SparkNames names, string ns, FollowResult result, CancellationToken cancellationToken)
    {
        var end = result.End;
        var sections = new List<string> { end.Describe(names) };
        if (end.Outcome != DriverOutcome.Gone && end.Phase is "Running" or "Failed" or "Succeeded")
        {
            var tail = await log.TailAsync(names, ns, cancellationToken);
            if (tail.Length > 0)
            {
                sections.Add("--- last lines of the driver log ---\n" + tail);
            }
        }
        sections.AddRange(result.FailedExecutors);
        if (end.Outcome != DriverOutcome.Gone && end.Phase is not ("Failed" or "Succeeded"))
        {
            // Stopped by a timeout: nothing would end it, and the TTL sweeper only takes finished drivers.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(RemoveTimeout);
            try
            {
                await remover.RemoveAsync(names, ns, timeout.Token);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // The reason for the failure stays the timeout's; what is left behind is said with it.
                logger.LogWarning("Analysis {Id}: its pods could not all be removed: {Message}", names.AnalysisId, ex.Message);
                sections.Insert(1, $"(its pods could not all be removed within {RemoveTimeout}: {ex.Message})");
            }
        }
        return string.Join("\n", sections);
    }

    private async Task<ResultTable> ReadWhenVisibleAsync(SparkNames names, AnalysisPlan plan, string resultDirectory,
        IProgress<EngineProgress> progress, CancellationToken cancellationToken)
    {
        if (!SparkResultReader.IsComplete(resultDirectory))
        {
            progress.Report(new EngineProgress(Stage.RunningSpark, 1,
                $"driver pod {names.DriverPod} succeeded; waiting up to {resultWait.Timeout} (Spark:ResultVisibilityTimeout) for its result to be visible on the shared volume"));
            if (!await resultWait.WaitAsync(resultDirectory, cancellationToken))
            {
                throw new SparkDriverException(
                    $"Spark driver pod {names.DriverPod} succeeded, but its committed result (analyses/{names.AnalysisId}/{Path.GetFileName(resultDirectory)}/_SUCCESS) " +
                    $"was not visible to the server within {resultWait.Timeout} (Spark:ResultVisibilityTimeout). The server and the Spark pods must mount " +
                    "the same ReadWriteMany volume; on NFS, shorten the mount's attribute cache (actimeo) or raise the timeout.");
            }
        }
        return Read(plan, resultDirectory, progress);
    }

    private static ResultTable Read(AnalysisPlan plan, string resultDirectory, IProgress<EngineProgress> progress)
    {
        var table = SparkResultReader.Read(plan, resultDirectory);
        progress.Report(new EngineProgress(Stage.RunningSpark, 1, $"read {table.Rows.Count} rows written by Spark"));
        return table;
    }
}
