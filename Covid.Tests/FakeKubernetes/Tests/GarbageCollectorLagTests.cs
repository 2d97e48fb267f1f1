using Covid.Tests.FakeKubernetes;
using k8s;
using k8s.Models;
using static Covid.Tests.Support.Kubernetes.FakeObjects;

namespace Covid.Tests.FakeKubernetes.Tests;

/// <summary>Dependents outliving their owner: a slow garbage collector and pods that take their grace period.</summary>
public sealed class GarbageCollectorLagTests : IAsyncLifetime
{
    private FakeKubeApiServer _fake = null!;
    private IKubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeKubeApiServer.StartAsync();
        _fake.Kubelet.Enabled = false;
        _client = _fake.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task ForegroundDelete_NonBlockingDependentAndLag_OwnerGoneDependentCollectedOnlyAfterTheLag()
    {
        using var cts = Bounded();
        _fake.Options.DependentsLag = TimeSpan.FromMilliseconds(800);
        var owner = await _client.CoreV1.CreateNamespacedPodAsync(Pod("driver"), Ns, cancellationToken: cts.Token);
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("exec-1", owner: OwnedBy(owner, block: false)), Ns, cancellationToken: cts.Token);

        await _client.CoreV1.DeleteNamespacedPodAsync("driver", Ns, propagationPolicy: "Foreground", cancellationToken: cts.Token);

        // Nothing blocks the owner: it goes at once, while its executor keeps running.
        await Eventually(() => Task.FromResult(_fake.Store.Get<V1Pod>(Ns, "driver") is null));
        Assert.Null(_fake.Store.Get<V1Pod>(Ns, "exec-1")?.Metadata.DeletionTimestamp);
        await Eventually(() => Task.FromResult(_fake.Store.Get<V1Pod>(Ns, "exec-1") is null));
    }

    [Fact]
    public async Task Delete_PerPodGrace_OnlyThatPodTerminatesSlowly()
    {
        using var cts = Bounded();
        _fake.Options.PodTerminationGraceOf = pod => pod.Metadata.Name == "slow" ? TimeSpan.FromMilliseconds(500) : TimeSpan.Zero;
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("slow"), Ns, cancellationToken: cts.Token);
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("quick"), Ns, cancellationToken: cts.Token);

        var slow = await _client.CoreV1.DeleteNamespacedPodAsync("slow", Ns, cancellationToken: cts.Token);
        await _client.CoreV1.DeleteNamespacedPodAsync("quick", Ns, cancellationToken: cts.Token);

        Assert.NotNull(slow.Metadata.DeletionTimestamp);
        Assert.Null(_fake.Store.Get<V1Pod>(Ns, "quick"));
        await Eventually(() => Task.FromResult(_fake.Store.Get<V1Pod>(Ns, "slow") is null));
    }
}
