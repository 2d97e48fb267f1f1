using k8s.Models;

namespace Covid.Server.Spark;

/// <summary>Where a Spark driver is, read from its pod and its executors' pods.</summary>
public sealed record DriverState(
    DriverOutcome Outcome,
    string Phase,
    string Reason,
    string Message,
    int ExecutorsRunning,
    int? ExitCode)
{
    /// <summary>The whole failure reason when the server, not the pod, ended the run (a timeout); null otherwise.</summary>
    public string? Summary { get; init; }

    /// <summary>Image pull failures that may clear up (registry hiccup) until the pull timeout says otherwise.</summary>
    public static readonly IReadOnlySet<string> ImagePullReasons = new HashSet<string> { "ImagePullBackOff", "ErrImagePull" };

    public bool PullingImageFails => ImagePullReasons.Contains(Reason);

    public static DriverState Observe(SparkNames names, IReadOnlyList<V1Pod> pods)
    {
        var driver = pods.FirstOrDefault(p => p.Metadata.Name == names.DriverPod);
        var executors = pods.Count(p => IsExecutor(p) && p.Status?.Phase == "Running" && p.Metadata.DeletionTimestamp is null);
        if (driver is null)
        {
            return new DriverState(DriverOutcome.Gone, "", "", $"driver pod {names.DriverPod} no longer exists", executors, null);
        }
        var phase = driver.Status?.Phase ?? "Pending";
        var container = driver.Status?.ContainerStatuses?.FirstOrDefault(c => c.Name == SparkNames.DriverContainer)
            ?? driver.Status?.ContainerStatuses?.FirstOrDefault();
        var waiting = container?.State?.Waiting;
        var terminated = container?.State?.Terminated;
        var reason = driver.Status?.Reason ?? terminated?.Reason ?? waiting?.Reason ?? "";
        var message = driver.Status?.Message ?? terminated?.Message ?? waiting?.Message ?? "";
        var outcome = phase switch
        {
            "Succeeded" => DriverOutcome.Succeeded,
            "Failed" => DriverOutcome.Failed,
            "Running" => DriverOutcome.Running,
            _ when waiting?.Reason is "InvalidImageName" => DriverOutcome.Failed,
            _ => DriverOutcome.Launching,
        };
        return new DriverState(outcome, phase, reason, message, executors, terminated?.ExitCode);
    }

    public static bool IsExecutor(V1Pod pod) =>
        pod.Metadata.Labels?.TryGetValue(SparkNames.SparkRoleLabel, out var role) == true && role == "executor";

    /// <summary>One line for a failure reason: what Kubernetes said about the driver.</summary>
    public string Describe(SparkNames names)
    {
        if (Summary is not null)
        {
            return Summary;
        }
        var parts = new List<string>();
        if (Reason.Length > 0)
        {
            parts.Add(Reason);
        }
        if (ExitCode is { } code)
        {
            parts.Add($"exit code {code}");
        }
        var what = Reason switch
        {
            "OOMKilled" => $"Spark driver pod {names.DriverPod} ran out of memory",
            "Evicted" => $"Spark driver pod {names.DriverPod} was evicted",
            _ when Outcome == DriverOutcome.Gone => Message,
            _ => $"Spark driver pod {names.DriverPod} failed",
        };
        var detail = parts.Count > 0 ? $" ({string.Join(", ", parts)})" : "";
        var said = Message.Length > 0 && Outcome != DriverOutcome.Gone ? ": " + Message.Trim() : "";
        return what + detail + said;
    }
}
