namespace Covid.Tests.FakeKubernetes;

/// <summary>How a simulated pod's program ends.</summary>
public enum PodOutcome
{
    /// <summary>Exit 0: phase Succeeded, terminated reason Completed (a driver runs <see cref="FakeKubelet.DriverBehaviour"/>).</summary>
    Succeed,

    /// <summary>Exit N ≠ 0: phase Failed, terminated reason Error.</summary>
    Fail,

    /// <summary>Exit 137: phase Failed, terminated reason OOMKilled.</summary>
    OomKilled,

    /// <summary>Phase Failed, pod reason Evicted (node pressure).</summary>
    Evicted,

    /// <summary>Never starts: waiting ErrImagePull then ImagePullBackOff, phase stays Pending.</summary>
    ImagePullBackOff,

    /// <summary>Runs until the pod is deleted (executors, whose driver deletes them).</summary>
    RunUntilDeleted,
}
