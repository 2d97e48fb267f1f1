using Covid.Server.Kubernetes;
using Covid.Tests.FakeKubernetes;

namespace Covid.Tests.Support.Kubernetes;

/// <summary>How a <see cref="FakeCluster"/> is started.</summary>
public sealed record FakeClusterOptions
{
    /// <summary>The fake's own tunables (kubelet pace, termination grace, history …).</summary>
    public FakeKubeOptions Fake { get; init; } = new();

    /// <summary>False: no kubelet, so created pods stay as they were written (tests of the API alone).</summary>
    public bool Kubelet { get; init; } = true;

    /// <summary>The client's HTTP timeout; null keeps KubernetesClient's default.</summary>
    public TimeSpan? ClientTimeout { get; init; }

    /// <summary>Adjusts the <see cref="KubernetesOptions"/> the cluster's <see cref="FakeCluster.Api"/> reads.</summary>
    public Action<KubernetesOptions>? Kubernetes { get; init; }
}
