using k8s;
using k8s.Models;

namespace Covid.Tests.FakeKubernetes;

/// <summary>Executor management as Spark's KubernetesClusterSchedulerBackend does it.</summary>
public sealed partial class DriverContext
{
    private readonly List<string> _executors = [];

    /// <summary>Names of the executor pods this driver created.</summary>
    public IReadOnlyList<string> Executors => [.. _executors];

    /// <summary>
    /// Creates <paramref name="count"/> executor pods through the API (labels <c>spark-role=executor</c>,
    /// <c>spark-app-selector</c>, <c>spark-exec-id</c>; an ownerReference to the driver pod), with the
    /// image, service account and PVC volumes from the Spark properties.
    /// </summary>
    public async Task<IReadOnlyList<V1Pod>> CreateExecutorsAsync(int count)
    {
        if (_executors.Count == 0)
        {
            // Spark 3.x first creates the executors' conf map, owned by the driver pod.
            await Client.CoreV1.CreateNamespacedConfigMapAsync(ExecutorConfigMap(), Namespace, cancellationToken: CancellationToken);
        }
        var created = new List<V1Pod>();
        for (var i = 1; i <= count; i++)
        {
            var id = _executors.Count + 1;
            var pod = await Client.CoreV1.CreateNamespacedPodAsync(ExecutorPod(id), Namespace, cancellationToken: CancellationToken);
            _executors.Add(pod.Metadata.Name);
            created.Add(pod);
        }
        return created;
    }

    /// <summary>Waits (bounded by <paramref name="timeout"/>, default 10 s) until every executor is Running.</summary>
    public async Task WaitForExecutorsRunningAsync(TimeSpan? timeout = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var pods = await Client.CoreV1.ListNamespacedPodAsync(Namespace, labelSelector: $"spark-role=executor,spark-app-selector={AppId}", cancellationToken: cts.Token);
            if (pods.Items.Count >= _executors.Count && pods.Items.All(p => p.Status?.Phase == "Running"))
            {
                return;
            }
            await Task.Delay(20, cts.Token);
        }
    }

    /// <summary>
    /// Deletes this driver's executors and their conf map as Spark's scheduler backend stops
    /// (spark.kubernetes.executor.deleteOnTermination): deletecollection by app and role labels.
    /// </summary>
    public async Task DeleteExecutorsAsync()
    {
        var selector = $"spark-app-selector={AppId},spark-role=executor";
        await Client.CoreV1.DeleteCollectionNamespacedPodAsync(Namespace, labelSelector: selector, cancellationToken: CancellationToken);
        await Client.CoreV1.DeleteCollectionNamespacedConfigMapAsync(Namespace, labelSelector: selector, cancellationToken: CancellationToken);
    }

    private V1ConfigMap ExecutorConfigMap() => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = $"spark-exec-{Pod.Metadata.Uid[..8]}-conf-map",
            Labels = new Dictionary<string, string> { ["spark-app-selector"] = AppId, ["spark-role"] = "executor" },
            OwnerReferences = [OwnerReference()],
        },
        Data = new Dictionary<string, string> { ["spark.kubernetes.namespace"] = Namespace },
    };

    private V1OwnerReference OwnerReference() =>
        new() { ApiVersion = "v1", Kind = "Pod", Name = Pod.Metadata.Name, Uid = Pod.Metadata.Uid, Controller = true };

    private V1Pod ExecutorPod(int id)
    {
        var prefix = Pod.Metadata.Name.EndsWith("-driver", StringComparison.Ordinal) ? Pod.Metadata.Name[..^"-driver".Length] : Pod.Metadata.Name;
        var volumes = new List<V1Volume>();
        var mounts = new List<V1VolumeMount>();
        const string pvc = "spark.kubernetes.executor.volumes.persistentVolumeClaim.";
        foreach (var (key, value) in SparkProperties.Where(p => p.Key.StartsWith(pvc, StringComparison.Ordinal) && p.Key.EndsWith(".options.claimName", StringComparison.Ordinal)))
        {
            var volume = key[pvc.Length..^".options.claimName".Length];
            volumes.Add(new V1Volume { Name = volume, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = value } });
            mounts.Add(new V1VolumeMount { Name = volume, MountPath = SparkProperties.GetValueOrDefault($"{pvc}{volume}.mount.path") ?? "/data" });
        }
        return new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = $"{prefix}-exec-{id}",
                Labels = new Dictionary<string, string>
                {
                    ["spark-app-selector"] = AppId,
                    ["spark-role"] = "executor",
                    ["spark-exec-id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
                OwnerReferences = [OwnerReference()],
            },
            Spec = new V1PodSpec
            {
                RestartPolicy = "Never",
                ServiceAccountName = SparkProperties.GetValueOrDefault("spark.kubernetes.authenticate.executor.serviceAccountName") ?? Pod.Spec.ServiceAccountName,
                Containers =
                [
                    new V1Container
                    {
                        Name = "spark-kubernetes-executor",
                        Image = SparkProperties.GetValueOrDefault("spark.kubernetes.container.image") ?? Pod.Spec.Containers[0].Image,
                        Args = ["executor"],
                        VolumeMounts = mounts,
                    },
                ],
                Volumes = volumes,
            },
        };
    }
}
