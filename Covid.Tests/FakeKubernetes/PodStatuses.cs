using k8s.Models;

namespace Covid.Tests.FakeKubernetes;

/// <summary>The pod status shapes a real kubelet reports at each step.</summary>
internal static class PodStatuses
{
    public static void Scheduled(V1Pod p)
    {
        p.Spec.NodeName ??= "fake-node-1";
        p.Status.HostIP = "10.0.0.1";
        p.Status.StartTime = DateTime.UtcNow;
        p.Status.Conditions = [Condition("PodScheduled", "True"), Condition("Initialized", "True"), Condition("ContainersReady", "False"), Condition("Ready", "False")];
        Waiting(p, "ContainerCreating", null);
    }

    public static void Waiting(V1Pod p, string reason, string? message)
    {
        p.Status.Phase = "Pending";
        p.Status.ContainerStatuses = [.. p.Spec.Containers.Select(c => new V1ContainerStatus
        {
            Name = c.Name, Image = c.Image, ImageID = "", Ready = false, RestartCount = 0, Started = false,
            State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = reason, Message = message } },
        })];
    }

    public static void Running(V1Pod p, string ip)
    {
        var now = DateTime.UtcNow;
        p.Status.Phase = "Running";
        p.Status.PodIP = ip;
        p.Status.PodIPs = [new V1PodIP { Ip = ip }];
        p.Status.Conditions = [Condition("PodScheduled", "True"), Condition("Initialized", "True"), Condition("ContainersReady", "True"), Condition("Ready", "True")];
        p.Status.ContainerStatuses = [.. p.Spec.Containers.Select(c => new V1ContainerStatus
        {
            Name = c.Name, Image = c.Image, ImageID = $"docker.io/{c.Image}@sha256:fake", ContainerID = $"containerd://{Guid.NewGuid():N}",
            Ready = true, RestartCount = 0, Started = true,
            State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = now } },
        })];
    }

    public static void Terminated(V1Pod p, PodOutcome outcome, int exitCode)
    {
        var succeeded = exitCode == 0 && outcome is PodOutcome.Succeed or PodOutcome.RunUntilDeleted;
        p.Status.Phase = succeeded ? "Succeeded" : "Failed";
        var reason = succeeded ? "Completed" : outcome == PodOutcome.OomKilled ? "OOMKilled" : "Error";
        if (outcome == PodOutcome.Evicted)
        {
            p.Status.Reason = "Evicted";
            p.Status.Message = "The node was low on resource: memory. Threshold quantity: 100Mi, available: 51200Ki.";
        }
        Terminate(p, exitCode, reason);
    }

    /// <summary>Containers killed because the pod is being deleted (SIGTERM → 143).</summary>
    public static void Killed(V1Pod p)
    {
        if (p.Status.Phase is "Succeeded" or "Failed")
        {
            return;
        }
        p.Status.Phase = "Failed";
        Terminate(p, 143, "Error");
    }

    private static void Terminate(V1Pod p, int exitCode, string reason)
    {
        var now = DateTime.UtcNow;
        p.Status.Conditions = [Condition("PodScheduled", "True"), Condition("Initialized", "True"), Condition("ContainersReady", "False"), Condition("Ready", "False")];
        p.Status.ContainerStatuses = [.. p.Spec.Containers.Select(c => new V1ContainerStatus
        {
            Name = c.Name, Image = c.Image, ImageID = $"docker.io/{c.Image}@sha256:fake", Ready = false, RestartCount = 0, Started = false,
            State = new V1ContainerState
            {
                Terminated = new V1ContainerStateTerminated
                {
                    ExitCode = exitCode, Reason = reason, StartedAt = p.Status.StartTime, FinishedAt = now,
                },
            },
        })];
    }

    private static V1PodCondition Condition(string type, string status) =>
        new() { Type = type, Status = status, LastTransitionTime = DateTime.UtcNow };
}
