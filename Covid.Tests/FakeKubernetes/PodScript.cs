namespace Covid.Tests.FakeKubernetes;

/// <summary>What the simulated kubelet does with one pod once it is Running.</summary>
/// <param name="Outcome">How it ends.</param>
/// <param name="ExitCode">Container exit code for <see cref="PodOutcome.Fail"/>.</param>
/// <param name="RunFor">How long it stays Running before it ends.</param>
/// <param name="Log">Text appended to the pod's log while it runs, or null.</param>
public sealed record PodScript(PodOutcome Outcome, int ExitCode = 0, TimeSpan RunFor = default, string? Log = null)
{
    /// <summary>Runs <paramref name="runFor"/> and exits 0.</summary>
    public static PodScript Succeed(TimeSpan runFor = default, string? log = null) => new(PodOutcome.Succeed, 0, runFor, log);

    /// <summary>Runs and exits with <paramref name="exitCode"/> (reason Error).</summary>
    public static PodScript Fail(int exitCode, string? log = null, TimeSpan runFor = default) => new(PodOutcome.Fail, exitCode, runFor, log);

    /// <summary>Killed by the OOM killer (exit 137, reason OOMKilled).</summary>
    public static PodScript OomKilled(string? log = null, TimeSpan runFor = default) => new(PodOutcome.OomKilled, 137, runFor, log);

    /// <summary>Evicted by the node (phase Failed, reason Evicted).</summary>
    public static PodScript Evicted(TimeSpan runFor = default) => new(PodOutcome.Evicted, 137, runFor);

    /// <summary>The image cannot be pulled; stuck Pending.</summary>
    public static PodScript ImagePullBackOff() => new(PodOutcome.ImagePullBackOff);

    /// <summary>Runs until deleted.</summary>
    public static PodScript RunUntilDeleted() => new(PodOutcome.RunUntilDeleted);
}
