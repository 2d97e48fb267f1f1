using Covid.Server.Kubernetes;
using Microsoft.Extensions.Options;
using k8s.Models;
using k8s;

namespace Covid.Server.Spark;

/// <summary>
/// Removes driver pods this server launched once they have been finished for
/// <c>Kubernetes:FinishedDriverTtl</c> (kept until then for their logs), as a cancel removes them:
/// with their ConfigMap and Service, waiting until no pod of their run is left (deleting stragglers).
/// </summary>
public sealed class FinishedDriverSweeper(
    IKubernetes client,
    KubernetesApi api,
    DriverRemover remover,
    SparkObjectsFactory factory,
    IOptions<KubernetesOptions> options,
    TimeProvider time,
    ILogger<FinishedDriverSweeper> logger) : BackgroundService
{
    public const string Selector = SparkNames.ManagedByLabel + "=" + SparkNames.ManagedBy + "," + SparkNames.SparkRoleLabel + "=driver";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Sweeping finished Spark drivers failed: {Message}", ex.Message);
            }
            try
            {
                await Task.Delay(options.Value.SweepInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass; returns the names of the pods deleted.</summary>
    public async Task<IReadOnlyList<string>> SweepAsync(CancellationToken cancellationToken)
    {
        var ns = factory.Namespace;
        var pods = await api.CallAsync("list", "pods",
            ct => client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: Selector, cancellationToken: ct), cancellationToken);
        var now = time.GetUtcNow();
        var deleted = new List<string>();
        foreach (var pod in pods.Items)
        {
            if (pod.Metadata.DeletionTimestamp is not null || FinishedAt(pod) is not { } finished || now - finished < options.Value.FinishedDriverTtl)
            {
                continue;
            }
            if (pod.Metadata.Labels?.TryGetValue(SparkNames.AnalysisIdLabel, out var id) != true || string.IsNullOrEmpty(id))
            {
                continue;
            }
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(SparkOnKubernetesEngine.RemoveTimeout);
            try
            {
                await remover.RemoveAsync(new SparkNames(id), ns, bounded.Token);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // The next pass tries again; the other drivers of this one are still swept.
                logger.LogWarning("Finished Spark driver {Pod} could not be removed completely: {Message}", pod.Metadata.Name, ex.Message);
                continue;
            }
            deleted.Add(pod.Metadata.Name);
            logger.LogInformation("Removed finished Spark driver {Pod} (finished {Finished:u}) and every pod of its run", pod.Metadata.Name, finished);
        }
        return deleted;
    }

    /// <summary>When a Succeeded or Failed driver finished: its container's end, else its last condition change, else its creation.</summary>
    public static DateTimeOffset? FinishedAt(V1Pod pod)
    {
        if (pod.Status?.Phase is not ("Succeeded" or "Failed"))
        {
            return null;
        }
        var ended = pod.Status.ContainerStatuses?.Select(c => c.State?.Terminated?.FinishedAt).Where(t => t is not null).Max()
            ?? pod.Status.Conditions?.Select(c => c.LastTransitionTime).Where(t => t is not null).Max()
            ?? pod.Metadata.CreationTimestamp;
        return ended is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
    }
}
