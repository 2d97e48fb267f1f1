using Covid.Tests.Kubernetes.Fake;
using k8s;
using k8s.Models;
using static Covid.Tests.Kubernetes.FakeApiTests.FakeObjects;

namespace Covid.Tests.Kubernetes.FakeApiTests;

public sealed class GarbageCollectionTests : IAsyncLifetime
{
    private FakeKubeApiServer _fake = null!;
    private IKubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeKubeApiServer.StartAsync(new FakeKubeOptions { PodTerminationGrace = TimeSpan.FromSeconds(1) });
        _fake.Kubelet.Enabled = false;
        _client = _fake.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task DeletePod_ForegroundWithBlockingDependents_OwnerTerminatingUntilDependentsGone()
    {
        using var cts = Bounded();
        var rv = _fake.Store.ResourceVersion;
        var owner = await _client.CoreV1.CreateNamespacedPodAsync(Pod("driver"), Ns, cancellationToken: cts.Token);
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("exec-1", owner: OwnedBy(owner, block: true)), Ns, cancellationToken: cts.Token);
        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("conf", OwnedBy(owner, block: true)), Ns, cancellationToken: cts.Token);

        var answer = await _client.CoreV1.DeleteNamespacedPodAsync("driver", Ns, propagationPolicy: "Foreground", cancellationToken: cts.Token);
        Assert.NotNull(answer.Metadata.DeletionTimestamp);
        Assert.Contains("foregroundDeletion", answer.Metadata.Finalizers);

        // The executor takes its grace period to terminate; meanwhile the owner is still there, terminating.
        await Eventually(async () => (await _client.CoreV1.ReadNamespacedPodAsync("exec-1", Ns, cancellationToken: cts.Token)).Metadata.DeletionTimestamp is not null);
        var terminating = await _client.CoreV1.ReadNamespacedPodAsync("driver", Ns, cancellationToken: cts.Token);
        Assert.NotNull(terminating.Metadata.DeletionTimestamp);

        var deletions = new List<string>();
        await foreach (var (type, pod) in _client.CoreV1.WatchListNamespacedPodAsync(Ns, resourceVersion: rv, cancellationToken: cts.Token))
        {
            if (type == WatchEventType.Deleted)
            {
                deletions.Add(pod.Metadata.Name);
            }
            if (deletions.Count == 2)
            {
                break;
            }
        }
        Assert.Equal(["exec-1", "driver"], deletions);
        Assert.Empty(_fake.Store.List<V1ConfigMap>(Ns));
    }

    [Fact]
    public async Task DeletePod_ForegroundWithoutDependents_RemovedShortly()
    {
        using var cts = Bounded();
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("alone"), Ns, cancellationToken: cts.Token);
        await _client.CoreV1.DeleteNamespacedPodAsync("alone", Ns, propagationPolicy: "Foreground", gracePeriodSeconds: 0, cancellationToken: cts.Token);
        await Eventually(() => Task.FromResult(_fake.Store.Get<V1Pod>(Ns, "alone") is null));
    }

    [Fact]
    public async Task DeletePod_BackgroundWithDependents_OwnerGoneAtOnceDependentsCollected()
    {
        using var cts = Bounded();
        var owner = await _client.CoreV1.CreateNamespacedPodAsync(Pod("driver"), Ns, cancellationToken: cts.Token);
        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("conf", OwnedBy(owner, block: true)), Ns, cancellationToken: cts.Token);
        await _client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "svc", OwnerReferences = [OwnedBy(owner, block: true)] },
            Spec = new V1ServiceSpec { ClusterIP = "None" },
        }, Ns, cancellationToken: cts.Token);

        await _client.CoreV1.DeleteNamespacedPodAsync("driver", Ns, body: new V1DeleteOptions { PropagationPolicy = "Background", GracePeriodSeconds = 0 }, cancellationToken: cts.Token);

        await FailsWith(404, "NotFound", () => _client.CoreV1.ReadNamespacedPodAsync("driver", Ns, cancellationToken: cts.Token));
        await Eventually(() => Task.FromResult(_fake.Store.List<V1ConfigMap>(Ns).Count == 0 && _fake.Store.List<V1Service>(Ns).Count == 0));
    }

    [Fact]
    public async Task DeletePod_Orphan_DependentsKeptWithoutOwnerReference()
    {
        using var cts = Bounded();
        var owner = await _client.CoreV1.CreateNamespacedPodAsync(Pod("driver"), Ns, cancellationToken: cts.Token);
        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("conf", OwnedBy(owner, block: true)), Ns, cancellationToken: cts.Token);

        await _client.CoreV1.DeleteNamespacedPodAsync("driver", Ns, propagationPolicy: "Orphan", gracePeriodSeconds: 0, cancellationToken: cts.Token);
        await Task.Delay(_fake.Options.GcDelay * 5, cts.Token);

        var kept = await _client.CoreV1.ReadNamespacedConfigMapAsync("conf", Ns, cancellationToken: cts.Token);
        Assert.Empty(kept.Metadata.OwnerReferences ?? []);
        await FailsWith(404, "NotFound", () => _client.CoreV1.ReadNamespacedPodAsync("driver", Ns, cancellationToken: cts.Token));
    }

    [Fact]
    public async Task DeletePod_GracefulDefault_TerminatingThenGone()
    {
        using var cts = Bounded();
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("slow"), Ns, cancellationToken: cts.Token);
        var answer = await _client.CoreV1.DeleteNamespacedPodAsync("slow", Ns, cancellationToken: cts.Token);
        Assert.NotNull(answer.Metadata.DeletionTimestamp);
        Assert.NotNull(_fake.Store.Get<V1Pod>(Ns, "slow"));
        await Eventually(() => Task.FromResult(_fake.Store.Get<V1Pod>(Ns, "slow") is null));
    }
}
