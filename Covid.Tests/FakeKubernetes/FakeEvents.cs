using k8s.Models;

namespace Covid.Tests.FakeKubernetes;

/// <summary>Core/v1 events about a pod, named and shaped as the scheduler and kubelet record them.</summary>
public static class FakeEvents
{
    private static long _sequence;

    /// <summary>Records one event (type Normal or Warning) about <paramref name="pod"/>, timestamped now.</summary>
    public static Corev1Event Record(FakeObjectStore store, V1Pod pod, string type, string reason, string message, string component)
    {
        var now = DateTime.UtcNow;
        var ns = pod.Metadata.NamespaceProperty;
        return store.Create(ns, new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta { Name = $"{pod.Metadata.Name}.{Interlocked.Increment(ref _sequence):x8}" },
            InvolvedObject = new V1ObjectReference { ApiVersion = "v1", Kind = "Pod", Name = pod.Metadata.Name, NamespaceProperty = ns, Uid = pod.Metadata.Uid },
            Type = type,
            Reason = reason,
            Message = message,
            Source = new V1EventSource { Component = component },
            Count = 1,
            FirstTimestamp = now,
            LastTimestamp = now,
        });
    }
}
