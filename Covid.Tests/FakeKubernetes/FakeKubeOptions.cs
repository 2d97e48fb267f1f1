namespace Covid.Tests.FakeKubernetes;

/// <summary>Tunables of <see cref="FakeKubeApiServer"/>; the defaults keep tests fast.</summary>
public sealed class FakeKubeOptions
{
    /// <summary>How many change events the fake remembers for watch resumption (older RVs get 410 Expired).</summary>
    public int HistoryLimit { get; set; } = 1000;

    /// <summary>Delay between a deletion and the garbage collector acting on owners/dependents.</summary>
    public TimeSpan GcDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// How long a deleted pod stays (with deletionTimestamp) before it is removed, like the kubelet's
    /// graceful termination. Zero removes pods at once; <c>gracePeriodSeconds=0</c> on a delete always does.
    /// </summary>
    public TimeSpan PodTerminationGrace { get; set; } = TimeSpan.Zero;

    /// <summary>Delay between two kubelet status steps (Pending → ContainerCreating → Running → end).</summary>
    public TimeSpan KubeletStepDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The user named in Forbidden messages for requests that are not a simulated driver's;
    /// <c>{namespace}</c> is replaced by the request's namespace.
    /// </summary>
    public string ServerUser { get; set; } = "system:serviceaccount:{namespace}:covid-server";
}
