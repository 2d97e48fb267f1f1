using Covid.Server.Kubernetes;
using k8s;
using k8s.Models;

namespace Covid.Server.Spark;

/// <summary>
/// The last lines of a failed executor's log, read as soon as the follow sees it fail: Spark deletes
/// a failed executor's pod moments later (deleteOnTermination), and its log goes with it.
/// </summary>
public sealed class ExecutorFailureLogs(IKubernetes client, KubernetesApi api, ILogger<ExecutorFailureLogs> logger)
{
    public const int TailLines = 20;

    /// <summary>An executor that ended badly on its own; pods being deleted (by Spark at the end, or by a cancel) are not failures.</summary>
    public static bool Failed(V1Pod pod) =>
        DriverState.IsExecutor(pod) && pod.Metadata.DeletionTimestamp is null
        && (pod.Status?.Phase == "Failed" || pod.Status?.ContainerStatuses?.Any(c => c.State?.Terminated is { ExitCode: not 0 }) == true);

    /// <summary>A section for the failure reason: which executor failed how, then its last log lines.</summary>
    public async Task<string> ReadAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        var name = pod.Metadata.Name;
        var terminated = pod.Status?.ContainerStatuses?.Select(c => c.State?.Terminated).FirstOrDefault(t => t is not null);
        var how = string.Join(", ", new[] { pod.Status?.Reason ?? terminated?.Reason, terminated is null ? null : $"exit code {terminated.ExitCode}" }
            .Where(s => !string.IsNullOrEmpty(s)));
        var header = $"--- executor pod {name} failed{(how.Length > 0 ? $" ({how})" : "")}; last lines of its log ---";
        try
        {
            var stream = await api.CallAsync("get", "pods/log", ct => client.CoreV1.ReadNamespacedPodLogAsync(name, pod.Metadata.NamespaceProperty,
                container: ExecutorPodTemplate.Container, tailLines: TailLines, cancellationToken: ct), cancellationToken);
            await using (stream)
            {
                using var reader = new StreamReader(stream);
                var tail = (await reader.ReadToEndAsync(cancellationToken)).TrimEnd();
                return tail.Length == 0 ? header + "\n(empty)" : header + "\n" + tail;
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not read the log of failed executor {Pod}: {Message}", name, ex.Message);
            return $"{header}\n(its log could not be read: {KubernetesApi.Describe(ex)})";
        }
    }
}
