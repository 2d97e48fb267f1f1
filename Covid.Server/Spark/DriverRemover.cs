using System.Net;
using Covid.Server.Kubernetes;
using Covid.SparkJob.Engine;
using k8s;
using k8s.Models;
using Stage = Covid.V1.ProgressEvent.Types.Stage;

namespace Covid.Server.Spark;

/// <summary>
/// Deletes an analysis' driver pod (foreground), its ConfigMap and Service, then waits until no pod
/// with the analysis' <c>spark-app-selector</c> remains, deleting every straggler itself: Spark's
/// executor owner references do not set blockOwnerDeletion, so a foreground delete does not wait
/// for executors, and the garbage collector may reach them only much later. So when this returns,
/// no Spark pod of the analysis runs any more.
/// </summary>
public sealed class DriverRemover(IKubernetes client, KubernetesApi api, ILogger<DriverRemover> logger)
{
    public async Task RemoveAsync(SparkNames names, string ns, CancellationToken cancellationToken, IProgress<EngineProgress>? progress = null)
    {
        await IgnoreNotFound(api.CallAsync("delete", "pods", ct => client.CoreV1.DeleteNamespacedPodAsync(names.DriverPod, ns,
            new V1DeleteOptions { PropagationPolicy = "Foreground" }, cancellationToken: ct), cancellationToken));
        await IgnoreNotFound(api.CallAsync("delete", "configmaps",
            ct => client.CoreV1.DeleteNamespacedConfigMapAsync(names.ConfigMap, ns, cancellationToken: ct), cancellationToken));
        await IgnoreNotFound(api.CallAsync("delete", "services",
            ct => client.CoreV1.DeleteNamespacedServiceAsync(names.Service, ns, cancellationToken: ct), cancellationToken));
        await WaitNoPodsAsync(names, ns, progress, cancellationToken);
        logger.LogInformation("No pod of {Selector} is left", names.PodSelector);
    }

    private async Task WaitNoPodsAsync(SparkNames names, string ns, IProgress<EngineProgress>? progress, CancellationToken cancellationToken)
    {
        string? reported = null;
        while (true)
        {
            var list = await api.CallAsync("list", "pods",
                ct => client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: names.PodSelector, cancellationToken: ct), cancellationToken);
            if (list.Items.Count == 0)
            {
                return;
            }
            foreach (var straggler in list.Items.Where(p => p.Metadata.DeletionTimestamp is null))
            {
                logger.LogInformation("Deleting {Pod}, still there after its driver's deletion", straggler.Metadata.Name);
                await IgnoreNotFound(api.CallAsync("delete", "pods", ct => client.CoreV1.DeleteNamespacedPodAsync(straggler.Metadata.Name, ns,
                    new V1DeleteOptions { PropagationPolicy = "Background" }, cancellationToken: ct), cancellationToken));
            }
            var left = string.Join(", ", list.Items.Select(p => p.Metadata.Name).Order(StringComparer.Ordinal));
            if (left != reported)
            {
                progress?.Report(new EngineProgress(Stage.RunningSpark, 1, $"cancelling: waiting for pod(s) {left} to terminate"));
                reported = left;
            }
            await WaitForChangeAsync(names, ns, list.Metadata.ResourceVersion, cancellationToken);
        }
    }

    /// <summary>Until one of the pods is deleted, or a few seconds pass; the list above decides again either way.</summary>
    private async Task WaitForChangeAsync(SparkNames names, string ns, string resourceVersion, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var (type, _) in client.CoreV1.WatchListNamespacedPodAsync(ns, labelSelector: names.PodSelector,
                resourceVersion: resourceVersion, timeoutSeconds: 5, cancellationToken: cancellationToken))
            {
                if (type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // A dropped or expired watch: list again after a breath.
            logger.LogDebug("Watch for the pods of {Selector} ended: {Message}", names.PodSelector, ex.Message);
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
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
