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

    /// <summary>
    /// Per pod, overrides <see cref="PodTerminationGrace"/> (e.g. executors that take seconds to stop
    /// after a delete); null = the same grace for every pod. Read at each delete, so settable at any time.
    /// </summary>
    public Func<k8s.Models.V1Pod, TimeSpan>? PodTerminationGraceOf { get; set; }

    /// <summary>
    /// How long the garbage collector takes to reach the dependents of a deleted owner (a busy
    /// controller's queue): until then they keep running. Zero = at once (after <see cref="GcDelay"/>).
    /// Read by the collector at each pass, so settable at any time.
    /// </summary>
    public TimeSpan DependentsLag { get; set; } = TimeSpan.Zero;

    /// <summary>Delay between two kubelet status steps (Pending → ContainerCreating → Running → end).</summary>
    public TimeSpan KubeletStepDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The user named in Forbidden messages for requests that are not a simulated driver's;
    /// <c>{namespace}</c> is replaced by the request's namespace.
    /// </summary>
    public string ServerUser { get; set; } = "system:serviceaccount:{namespace}:covid-server";
}
