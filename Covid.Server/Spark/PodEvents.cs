using Covid.Server.Kubernetes;
using Covid.SparkJob.Errors;
using k8s;
using k8s.Models;

namespace Covid.Server.Spark;

/// <summary>
/// The newest event Kubernetes recorded about a pod: why a scheduled pod does not start (a volume
/// that cannot be mounted, a sandbox that cannot be created) is only said there, not in its status.
/// Diagnostics only: without RBAC on events the follow goes on without them.
/// </summary>
public sealed class PodEvents(IKubernetes client, KubernetesApi api, ILogger<PodEvents> logger)
{
    private int refused;

    public async Task<Corev1Event?> LatestAsync(V1Pod pod, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref refused) != 0)
        {
            return null;
        }
        var ns = pod.Metadata.NamespaceProperty;
        var selector = $"involvedObject.kind=Pod,involvedObject.name={pod.Metadata.Name},involvedObject.uid={pod.Metadata.Uid}";
        try
        {
            var list = await api.CallAsync("list", "events",
                ct => client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: selector, cancellationToken: ct), cancellationToken);
            // Event times have one-second precision: on a tie the warning is the one that says what is wrong.
            return list.Items.OrderBy(When).ThenBy(e => e.Type == "Warning").LastOrDefault();
        }
        catch (ServiceException ex)
        {
            // 403: the Role lacks "list events"; say so once, then stop asking.
            if (Interlocked.Exchange(ref refused, 1) == 0)
            {
                logger.LogWarning("Pod events cannot be read, so waits are reported without them: {Message}", ex.Message);
            }
            return null;
        }
        catch (KubernetesCallException ex)
        {
            logger.LogDebug("Events of pod {Pod} could not be listed: {Message}", pod.Metadata.Name, ex.Message);
            return null;
        }
    }

    private static DateTime When(Corev1Event e) =>
        e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata?.CreationTimestamp ?? DateTime.MinValue;
}
