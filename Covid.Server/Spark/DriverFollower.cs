using Covid.Server.Kubernetes;
using Covid.SparkJob.Engine;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Options;

namespace Covid.Server.Spark;

/// <summary>
/// Follows a launched driver until it ends, reporting pod phases and what the pods wait for,
/// running executors and Spark's task counts, and keeping the log tails of executors that fail.
/// Returns the final state; <see cref="FollowTimeouts"/> ends a run that would otherwise wait forever.
/// </summary>
public sealed class DriverFollower(
    IKubernetes client,
    KubernetesApi api,
    SparkMonitor monitor,
    PodWaitReader waits,
    ExecutorFailureLogs executorLogs,
    IOptions<KubernetesOptions> kubernetes,
    IOptions<SparkOptions> spark,
    TimeProvider time,
    ILogger<DriverFollower> logger)
{
    /// <summary>At most this many failed executors' logs go into a failure reason.</summary>
    public const int MaxFailedExecutorLogs = 3;

    public async Task<FollowResult> FollowAsync(SparkNames names, string ns, IProgress<EngineProgress> progress, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watch = new PodWatch(client, api, ns, names.PodSelector, logger);
        var watching = watch.RunAsync(stop.Token);
        var monitoringUrl = MonitoringUrl(names, ns);
        var timeouts = new FollowTimeouts(kubernetes.Value, spark.Value, time.GetUtcNow());
        var failed = new Dictionary<string, string>();
        var executorsRan = false;
        DateTimeOffset nextPoll = DateTimeOffset.MinValue;
        SparkMonitor.Counts? counts = null;
        EngineProgress? last = null;
        var lastChange = time.GetUtcNow();
        try
        {
            if (await Task.WhenAny(watch.Listed, watching) == watching)
            {
                await watching;
            }
            while (true)
            {
                var pods = watch.Snapshot();
                var state = DriverState.Observe(names, pods);
                await KeepFailedExecutorLogsAsync(pods, failed, stop.Token);
                if (state.Outcome is DriverOutcome.Succeeded or DriverOutcome.Failed or DriverOutcome.Gone)
                {
                    return Result(state, failed);
                }
                executorsRan |= state.ExecutorsRunning > 0;
                var wait = await waits.ReadAsync(names, pods, state, executorsRan, stop.Token);
                var now = time.GetUtcNow();
                var driverCreated = pods.FirstOrDefault(p => p.Metadata.Name == names.DriverPod)?.Metadata.CreationTimestamp;
                if (timeouts.Check(state, wait, driverCreated, now) is { } timedOut)
                {
                    logger.LogWarning("Analysis {Id}: {Reason}", names.AnalysisId, timedOut.Describe(names));
                    return Result(timedOut, failed);
                }
                if (state.Outcome == DriverOutcome.Running && now >= nextPoll)
                {
                    counts = await monitor.PollAsync(monitoringUrl, names.AppId, stop.Token) ?? counts;
                    nextPoll = now + spark.Value.MonitoringInterval;
                }
                var report = FollowProgress.Of(names, state, wait, counts, timeouts.ScheduleDeadline);
                if (report != last)
                {
                    progress.Report(report);
                    last = report;
                }
                if (await WaitAsync(watch, watching, stop.Token))
                {
                    lastChange = time.GetUtcNow();
                }
                else if (time.GetUtcNow() - lastChange >= kubernetes.Value.WatchResyncInterval)
                {
                    logger.LogInformation("No pod change for {Selector} in {Interval}; listing again", names.PodSelector, kubernetes.Value.WatchResyncInterval);
                    await watch.ResyncAsync(stop.Token);
                    lastChange = time.GetUtcNow();
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await watching;
            }
            catch (Exception ex) when (ex is OperationCanceledException || stop.IsCancellationRequested)
            {
                // The watch ends with the follow; its failure, if any, already surfaced through WaitAsync.
            }
        }
    }

    private static FollowResult Result(DriverState state, Dictionary<string, string> failed) => new(state, [.. failed.Values]);

    /// <summary>Reads each newly failed executor's log at once, before Spark deletes its pod.</summary>
    private async Task KeepFailedExecutorLogsAsync(IReadOnlyList<V1Pod> pods, Dictionary<string, string> failed, CancellationToken cancellationToken)
    {
        foreach (var pod in pods.Where(ExecutorFailureLogs.Failed).OrderBy(p => p.Metadata.Name, StringComparer.Ordinal))
        {
            if (failed.Count >= MaxFailedExecutorLogs || failed.ContainsKey(pod.Metadata.Uid))
            {
                continue;
            }
            failed[pod.Metadata.Uid] = await executorLogs.ReadAsync(pod, cancellationToken);
        }
    }

    /// <summary>
    /// The next pod change, or the poll interval (for task counts and the timeouts), whichever
    /// comes first; true when pods changed.
    /// </summary>
    private async Task<bool> WaitAsync(PodWatch watch, Task watching, CancellationToken cancellationToken)
    {
        using var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var changed = watch.Changes.WaitToReadAsync(tick.Token).AsTask();
        var interval = Task.Delay(spark.Value.MonitoringInterval, time, tick.Token);
        var done = await Task.WhenAny(changed, interval, watching);
        await tick.CancelAsync();
        if (done == watching)
        {
            // The watch gave up (or failed hard): that ends the follow with its error.
            await watching;
        }
        cancellationToken.ThrowIfCancellationRequested();
        return watch.Changes.TryRead(out _);
    }

    private string MonitoringUrl(SparkNames names, string ns) => spark.Value.MonitoringUrl
        .Replace("{service}", names.Service, StringComparison.Ordinal)
        .Replace("{namespace}", ns, StringComparison.Ordinal)
        .Replace("{pod}", names.DriverPod, StringComparison.Ordinal)
        .Replace("{appId}", names.AppId, StringComparison.Ordinal);
}
