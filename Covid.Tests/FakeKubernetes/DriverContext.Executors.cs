using k8s;
using k8s.Models;

namespace Covid.Tests.FakeKubernetes;

/// <summary>Executor management as Spark's KubernetesClusterSchedulerBackend does it.</summary>
public sealed partial class DriverContext
{
    private readonly List<string> _executors = [];

    /// <summary>Names of the executor pods this driver created.</summary>
    public IReadOnlyList<string> Executors => [.. _executors];

    /// <summary>How long Spark's allocator waits before asking again after a refused executor (spark.kubernetes.allocation.batch.delay).</summary>
    public static readonly TimeSpan AllocationRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Creates <paramref name="count"/> executor pods through the API as Spark builds them
    /// (<see cref="SparkExecutorPods"/>: over the executor pod template, owned by the driver pod).
    /// A refused create (a quota, an admission policy) is logged as Spark logs it and retried every
    /// <see cref="AllocationRetryDelay"/> until the pod is deleted: Spark 3.5 never gives up.
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
            var pod = await CreateRetryingAsync(SparkExecutorPods.Build(this, id));
            _executors.Add(pod.Metadata.Name);
            created.Add(pod);
        }
        return created;
    }

    private async Task<V1Pod> CreateRetryingAsync(V1Pod executor)
    {
        while (true)
        {
            try
            {
                return await Client.CoreV1.CreateNamespacedPodAsync(executor, Namespace, cancellationToken: CancellationToken);
            }
            catch (k8s.Autorest.HttpOperationException e) when ((int)e.Response.StatusCode is 403 or 422)
            {
                var status = KubernetesJson.Deserialize<V1Status>(e.Response.Content);
                Log("ERROR Utils: Uncaught exception in thread kubernetes-executor-snapshots-subscribers-1");
                Log($"io.fabric8.kubernetes.client.KubernetesClientException: Failure executing: POST at: https://kubernetes.default.svc/api/v1/namespaces/{Namespace}/pods. " +
                    $"Message: {status.Message}. Received status: Status(apiVersion=v1, code={status.Code}, kind=Status, message={status.Message}, reason={status.Reason}, status=Failure).");
                await Task.Delay(AllocationRetryDelay, CancellationToken);
            }
        }
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
}
