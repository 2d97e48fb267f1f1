using k8s.Models;

namespace Covid.Tests.FakeKubernetes;

/// <summary>Pods that never start: no node fits them, or a volume cannot be mounted. They stay Pending until deleted.</summary>
public sealed partial class FakeKubelet
{
    /// <summary>What the scheduler does with a pod no node fits: a PodScheduled=False condition and a FailedScheduling warning.</summary>
    private void StayUnscheduled(V1Pod pod, PodScript script)
    {
        var message = script.Message ?? "0/1 nodes are available: 1 Insufficient cpu.";
        Update(pod.Metadata.NamespaceProperty, pod.Metadata.Name, p =>
        {
            p.Status.Phase = "Pending";
            p.Status.Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "False", Reason = "Unschedulable", Message = message, LastTransitionTime = DateTime.UtcNow }];
        });
        FakeEvents.Record(_fake.Store, pod, "Warning", "FailedScheduling", message, "default-scheduler");
    }

    /// <summary>What the kubelet does when a volume cannot be mounted: the pod stays ContainerCreating, the reason is only in an event.</summary>
    private void FailMounting(V1Pod pod, PodScript script)
    {
        var volume = pod.Spec.Volumes?.FirstOrDefault(v => v.PersistentVolumeClaim is not null)?.Name ?? "data";
        var message = script.Message ?? $"MountVolume.SetUp failed for volume \"{volume}\" : mount failed: exit status 32";
        FakeEvents.Record(_fake.Store, pod, "Normal", "Scheduled", $"Successfully assigned {pod.Metadata.NamespaceProperty}/{pod.Metadata.Name} to fake-node-1", "default-scheduler");
        FakeEvents.Record(_fake.Store, pod, "Warning", "FailedMount", message, "kubelet");
    }
}
