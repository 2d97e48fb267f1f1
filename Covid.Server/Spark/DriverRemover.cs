using System.Net;
using Covid.Server.Kubernetes;
using k8s.Models;
using k8s;

namespace Covid.Server.Spark;

/// <summary>
/// Deletes an analysis' driver pod with foreground propagation (Kubernetes removes the executors
/// it owns before the pod itself) and waits until the pod is really gone, so CANCELLED means no
/// Spark pod of the analysis runs any more. The ConfigMap and Service are deleted directly too:
/// their owner references do not block the pod's deletion, so the garbage collector would only
/// get to them later.
/// </summary>
public sealed class DriverRemover(IKubernetes client, KubernetesApi api, ILogger<DriverRemover> logger)
{
    public async Task RemoveAsync(SparkNames names, string ns, CancellationToken cancellationToken)
    {
        await IgnoreNotFound(api.CallAsync("delete", "pods", ct => client.CoreV1.DeleteNamespacedPodAsync(names.DriverPod, ns,
            new V1DeleteOptions { PropagationPolicy = "Foreground" }, cancellationToken: ct), cancellationToken));
        await IgnoreNotFound(api.CallAsync("delete", "configmaps",
            ct => client.CoreV1.DeleteNamespacedConfigMapAsync(names.ConfigMap, ns, cancellationToken: ct), cancellationToken));
        await IgnoreNotFound(api.CallAsync("delete", "services",
            ct => client.CoreV1.DeleteNamespacedServiceAsync(names.Service, ns, cancellationToken: ct), cancellationToken));
        await WaitGoneAsync(names, ns, cancellationToken);
        logger.LogInformation("Driver pod {Pod} and its objects are deleted", names.DriverPod);
    }

    private async Task WaitGoneAsync(SparkNames names, string ns, CancellationToken cancellationToken)
    {
        var field = "metadata.name=" + names.DriverPod;
        while (true)
        {
            var list = await api.CallAsync("list", "pods",
                ct => client.CoreV1.ListNamespacedPodAsync(ns, fieldSelector: field, cancellationToken: ct), cancellationToken);
            if (list.Items.Count == 0)
            {
                return;
            }
            try
            {
                await foreach (var (type, _) in client.CoreV1.WatchListNamespacedPodAsync(ns, fieldSelector: field,
                    resourceVersion: list.Metadata.ResourceVersion, timeoutSeconds: 30, cancellationToken: cancellationToken))
                {
                    if (type == WatchEventType.Deleted)
                    {
                        return;
                    }
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // A dropped or expired watch: the list above decides again.
                logger.LogDebug("Watch for the deletion of {Pod} ended: {Message}", names.DriverPod, ex.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
    }

    private static async Task IgnoreNotFound(Task call)
    {
        try
        {
            await call;
        }
        catch (Exception ex) when (KubernetesApi.IsStatus(ex, HttpStatusCode.NotFound))
        {
            // Already gone.
        }
    }
}
