using k8s.Models;

namespace Covid.Server.Spark;

/// <summary>
/// Reads what a Spark run's pods wait for from their status (the scheduler's PodScheduled
/// condition, the containers' waiting reasons) and, for a scheduled pod that does not start, from
/// its newest event. A driver whose image pull fails is left to <c>Kubernetes:ImagePullTimeout</c>.
/// </summary>
public sealed class PodWaitReader(PodEvents events)
{
    public async Task<PodWait?> ReadAsync(SparkNames names, IReadOnlyList<V1Pod> pods, DriverState state, bool executorsRan, CancellationToken cancellationToken)
    {
        if (state.Outcome == DriverOutcome.Launching)
        {
            var driver = pods.FirstOrDefault(p => p.Metadata.Name == names.DriverPod);
            return driver is null || state.PullingImageFails
                ? null
                : await PendingAsync(PodWaitSubject.Driver, $"driver pod {driver.Metadata.Name}", driver, cancellationToken);
        }
        if (state.Outcome != DriverOutcome.Running || state.ExecutorsRunning > 0)
        {
            return null;
        }
        var executors = pods.Where(p => DriverState.IsExecutor(p) && p.Metadata.DeletionTimestamp is null)
            .OrderBy(p => p.Metadata.Name, StringComparer.Ordinal).ToList();
        var pending = executors.Where(p => (p.Status?.Phase ?? "Pending") == "Pending").ToList();
        if (pending.Count > 0)
        {
            var first = await PendingAsync(PodWaitSubject.Executors, $"executor pod {pending[0].Metadata.Name}", pending[0], cancellationToken);
            var more = pending.Count > 1 ? $" — {pending.Count - 1} more executor pod(s) wait too" : "";
            // An executor image that cannot be pulled counts too: no other timeout watches executors.
            return first with { Message = "no executor runs yet: " + first.Message + more, Counts = true };
        }
        // Once executors ran, none running means Spark is done with them (it deletes them at the end).
        return executors.Count == 0 && !executorsRan
            ? new PodWait(PodWaitSubject.Executors, "NoExecutorPods", "no executor runs yet: the driver has not created any executor pod", Counts: true,
                Hint: "a ResourceQuota or an admission policy may be refusing them; the driver log below says why")
            : null;
    }

    private async Task<PodWait> PendingAsync(PodWaitSubject subject, string what, V1Pod pod, CancellationToken cancellationToken)
    {
        var scheduled = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled");
        if (scheduled?.Status == "False")
        {
            var detail = string.IsNullOrWhiteSpace(scheduled.Message) ? "" : ": " + scheduled.Message.Trim();
            return new PodWait(subject, scheduled.Reason ?? "Unschedulable", $"{what} cannot be scheduled{detail}", true);
        }
        if (string.IsNullOrEmpty(pod.Spec?.NodeName))
        {
            return new PodWait(subject, "Scheduling", $"{what} waits to be scheduled", true);
        }
        var latest = await events.LatestAsync(pod, cancellationToken);
        if (latest is { Type: "Warning" })
        {
            return new PodWait(subject, latest.Reason ?? "Warning", $"{what} cannot start: {latest.Reason}: {latest.Message?.Trim()}", true);
        }
        if (latest is { Reason: "Pulling" })
        {
            return new PodWait(subject, "Pulling", $"{what} is pulling its image ({latest.Message?.Trim()})", false);
        }
        var waiting = (pod.Status?.InitContainerStatuses ?? []).Concat(pod.Status?.ContainerStatuses ?? [])
            .Select(c => c.State?.Waiting).FirstOrDefault(w => w is not null);
        var reason = waiting?.Reason ?? "ContainerCreating";
        var said = string.IsNullOrWhiteSpace(waiting?.Message) ? "" : ": " + waiting.Message.Trim();
        return new PodWait(subject, reason, $"{what} waits to start ({reason}{said})", true);
    }
}
