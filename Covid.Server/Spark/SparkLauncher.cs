using System.Net;
using Covid.Server.Kubernetes;
using k8s.Models;
using k8s;

namespace Covid.Server.Spark;

/// <summary>
/// Creates one analysis' driver pod, then its ConfigMap and Service owned by the pod. The pod goes
/// first because owner references need its uid, and the role has no patch to add them later; the
/// kubelet holds the pod in ContainerCreating until the ConfigMap it mounts exists (as Spark's own
/// submission client does it). A 409 adopts the object when it carries this analysis' id label.
/// </summary>
public sealed class SparkLauncher(IKubernetes client, KubernetesApi api, ILogger<SparkLauncher> logger)
{
    /// <summary>The analysis' driver pod if one exists (found by label, as a restarted server does).</summary>
    public async Task<V1Pod?> FindDriverAsync(SparkNames names, string ns, CancellationToken cancellationToken)
    {
        var pods = await api.CallAsync("list", "pods",
            ct => client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: names.DriverSelector, cancellationToken: ct), cancellationToken);
        return pods.Items.FirstOrDefault(p => p.Metadata.Name == names.DriverPod) ?? pods.Items.FirstOrDefault();
    }

    public async Task<V1Pod> LaunchAsync(SparkObjects objects, string ns, CancellationToken cancellationToken)
    {
        var names = objects.Names;
        var pod = await CreateOrAdoptAsync("pods", names,
            ct => client.CoreV1.CreateNamespacedPodAsync(objects.DriverPod, ns, cancellationToken: ct),
            ct => client.CoreV1.ReadNamespacedPodAsync(names.DriverPod, ns, cancellationToken: ct), cancellationToken);
        try
        {
            await EnsureDependentsAsync(objects, pod, ns, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Without its ConfigMap the pod would wait in ContainerCreating forever: take it back.
            logger.LogWarning("Deleting driver pod {Pod}: its ConfigMap or Service could not be created ({Message})", names.DriverPod, ex.Message);
            try
            {
                await client.CoreV1.DeleteNamespacedPodAsync(names.DriverPod, ns, new V1DeleteOptions { PropagationPolicy = "Background" },
                    cancellationToken: CancellationToken.None);
            }
            catch (Exception cleanup)
            {
                logger.LogWarning("Could not delete driver pod {Pod}: {Message}", names.DriverPod, cleanup.Message);
            }
            throw;
        }
        return pod;
    }

    /// <summary>
    /// The ConfigMap and Service, created if missing: a server that stopped between creating the
    /// pod and these would otherwise leave the pod waiting for its conf forever.
    /// </summary>
    public async Task EnsureDependentsAsync(SparkObjects objects, V1Pod pod, string ns, CancellationToken cancellationToken)
    {
        var names = objects.Names;
        var configMap = OwnerReferences.OwnedBy(objects.ConfigMap, pod);
        var service = OwnerReferences.OwnedBy(objects.Service, pod);
        await CreateOrAdoptAsync("configmaps", names,
            ct => client.CoreV1.CreateNamespacedConfigMapAsync(configMap, ns, cancellationToken: ct),
            ct => client.CoreV1.ReadNamespacedConfigMapAsync(names.ConfigMap, ns, cancellationToken: ct), cancellationToken);
        await CreateOrAdoptAsync("services", names,
            ct => client.CoreV1.CreateNamespacedServiceAsync(service, ns, cancellationToken: ct),
            ct => client.CoreV1.ReadNamespacedServiceAsync(names.Service, ns, cancellationToken: ct), cancellationToken);
    }

    private async Task<T> CreateOrAdoptAsync<T>(string resource, SparkNames names, Func<CancellationToken, Task<T>> create,
        Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
        where T : IMetadata<V1ObjectMeta>
    {
        try
        {
            return await api.CallAsync("create", resource, create, cancellationToken);
        }
        catch (Exception ex) when (KubernetesApi.IsStatus(ex, HttpStatusCode.Conflict))
        {
            // Also what a retried create sees when its first attempt landed but the answer was lost.
            var existing = await api.CallAsync("get", resource, read, cancellationToken);
            string? owner = null;
            existing.Metadata.Labels?.TryGetValue(SparkNames.AnalysisIdLabel, out owner);
            if (owner != names.AnalysisId)
            {
                throw new InvalidOperationException(
                    $"Kubernetes {resource} \"{existing.Metadata.Name}\" already exists and does not belong to analysis {names.AnalysisId} " +
                    $"(its {SparkNames.AnalysisIdLabel} label is \"{owner ?? "missing"}\"); refusing to take it over or launch a duplicate");
            }
            logger.LogInformation("Adopting existing {Resource} {Name} of analysis {Id}", resource, existing.Metadata.Name, names.AnalysisId);
            return existing;
        }
    }
}
