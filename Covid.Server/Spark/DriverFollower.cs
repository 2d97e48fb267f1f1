using Covid.Server.Kubernetes;
using Covid.SparkJob.Engine;
using k8s;
using Microsoft.Extensions.Options;
using Stage = Covid.V1.ProgressEvent.Types.Stage;

namespace Covid.Server.Spark;

/// <summary>
/// Follows a launched driver until it ends, reporting pod phases and reasons, running executors
/// and Spark's task counts. Returns the final state; an image that cannot be pulled within
/// <c>Kubernetes:ImagePullTimeout</c> ends it as failed too.
/// </summary>
public sealed class DriverFollower(
    IKubernetes client,
    KubernetesApi api,
    SparkMonitor monitor,
    IOptions<KubernetesOptions> kubernetes,
    IOptions<SparkOptions> spark,
    TimeProvider time,
    ILogger<DriverFollower> logger)
{
    public async Task<DriverState> FollowAsync(SparkNames names, string ns, IProgress<EngineProgress> progress, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watch = new PodWatch(client, api, ns, names.PodSelector, logger);
        var watching = watch.RunAsync(stop.Token);
        var monitoringUrl = MonitoringUrl(names, ns);
        DateTimeOffset? pullFailingSince = null;
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
                var state = DriverState.Observe(names, watch.Snapshot());
                if (state.Outcome is DriverOutcome.Succeeded or DriverOutcome.Failed or DriverOutcome.Gone)
                {
                    return state;
                }
                var now = time.GetUtcNow();
                pullFailingSince = state.PullingImageFails ? pullFailingSince ?? now : null;
                if (pullFailingSince is { } since && now - since >= kubernetes.Value.ImagePullTimeout)
                {
                    return state with
                    {
                        Outcome = DriverOutcome.Failed,
                        Message = $"image {kubernetes.Value.SparkImage} could not be pulled for {kubernetes.Value.ImagePullTimeout} " +
                            $"(Kubernetes:ImagePullTimeout){(state.Message.Length > 0 ? ": " + state.Message : "")}",
                    };
                }
                if (state.Outcome == DriverOutcome.Running && now >= nextPoll)
                {
                    counts = await monitor.PollAsync(monitoringUrl, names.AppId, stop.Token) ?? counts;
                    nextPoll = now + spark.Value.MonitoringInterval;
                }
                var report = Progress(names, state, counts);
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

    /// <summary>
    /// The next pod change, or the poll interval (for task counts and the pull timeout), whichever
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

    private static EngineProgress Progress(SparkNames names, DriverState state, SparkMonitor.Counts? counts)
    {
        if (state.Outcome == DriverOutcome.Launching)
        {
            var why = state.Reason.Length > 0 ? state.Reason : "scheduling";
            return new EngineProgress(Stage.LaunchingDriver, ProgressBudget.SparkLaunching, $"driver pod {names.DriverPod} {state.Phase}: {why}",
                PodPhase: state.Phase, PodReason: state.Reason);
        }
        var done = counts?.TasksCompleted ?? 0;
        var total = counts?.TasksTotal ?? 0;
        var fraction = ProgressBudget.SparkTasks(total > 0 ? (double)done / total : 0);
        var tasks = total > 0 ? $", {done}/{total} tasks" : "";
        return new EngineProgress(Stage.RunningSpark, fraction,
            $"Spark running: {state.ExecutorsRunning} executor(s){tasks}",
            ExecutorsRunning: state.ExecutorsRunning, TasksCompleted: done, TasksTotal: total,
            PodPhase: state.Phase, PodReason: state.Reason);
    }

    private string MonitoringUrl(SparkNames names, string ns) => spark.Value.MonitoringUrl
        .Replace("{service}", names.Service, StringComparison.Ordinal)
        .Replace("{namespace}", ns, StringComparison.Ordinal)
        .Replace("{pod}", names.DriverPod, StringComparison.Ordinal)
        .Replace("{appId}", names.AppId, StringComparison.Ordinal);
}
