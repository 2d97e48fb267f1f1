using Covid.Tests.Support.Kubernetes;
using k8s;
using k8s.Models;
using static Covid.Tests.Support.Kubernetes.FakeObjects;

namespace Covid.Tests.FakeKubernetes.Tests;

public sealed class GarbageCollectionTests() : FakeClusterTest(new() { Fake = new FakeKubeOptions { PodTerminationGrace = TimeSpan.FromMilliseconds(300) }, Kubelet = false })
{
    [Fact]
    public async Task DeletePod_ForegroundWithBlockingDependents_OwnerTerminatingUntilDependentsGone()
    {
        using var cts = Bounded();
        var rv = Fake.Store.ResourceVersion;
        var owner = await Client.CoreV1.CreateNamespacedPodAsync(Pod("driver"), Ns, cancellationToken: cts.Token);
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("exec-1", owner: OwnedBy(owner, block: true)), Ns, cancellationToken: cts.Token);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("conf", OwnedBy(owner, block: true)), Ns, cancellationToken: cts.Token);

        var answer = await Client.CoreV1.DeleteNamespacedPodAsync("driver", Ns, propagationPolicy: "Foreground", cancellationToken: cts.Token);
        Assert.NotNull(answer.Metadata.DeletionTimestamp);
        Assert.Contains("foregroundDeletion", answer.Metadata.Finalizers);

        // The executor takes its grace period to terminate; meanwhile the owner is still there, terminating.
        await Eventually(async () => (await Client.CoreV1.ReadNamespacedPodAsync("exec-1", Ns, cancellationToken: cts.Token)).Metadata.DeletionTimestamp is not null);
        var terminating = await Client.CoreV1.ReadNamespacedPodAsync("driver", Ns, cancellationToken: cts.Token);
        Assert.NotNull(terminating.Metadata.DeletionTimestamp);

        var deletions = new List<string>();
        await foreach (var (type, pod) in Client.CoreV1.WatchListNamespacedPodAsync(Ns, resourceVersion: rv, cancellationToken: cts.Token))
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
        Assert.Empty(Fake.Store.List<V1ConfigMap>(Ns));
    }

    [Fact]
    public async Task DeletePod_ForegroundWithoutDependents_RemovedShortly()
    {
        using var cts = Bounded();
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("alone"), Ns, cancellationToken: cts.Token);
        await Client.CoreV1.DeleteNamespacedPodAsync("alone", Ns, propagationPolicy: "Foreground", gracePeriodSeconds: 0, cancellationToken: cts.Token);
        await Eventually(() => Task.FromResult(Fake.Store.Get<V1Pod>(Ns, "alone") is null));
    }

    [Fact]
    public async Task DeletePod_BackgroundWithDependents_OwnerGoneAtOnceDependentsCollected()
    {
        using var cts = Bounded();
        var owner = await Client.CoreV1.CreateNamespacedPodAsync(Pod("driver"), Ns, cancellationToken: cts.Token);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("conf", OwnedBy(owner, block: true)), Ns, cancellationToken: cts.Token);
        await Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "svc", OwnerReferences = [OwnedBy(owner, block: true)] },
            Spec = new V1ServiceSpec { ClusterIP = "None" },
        }, Ns, cancellationToken: cts.Token);

        await Client.CoreV1.DeleteNamespacedPodAsync("driver", Ns, body: new V1DeleteOptions { PropagationPolicy = "Background", GracePeriodSeconds = 0 }, cancellationToken: cts.Token);

        await FailsWith(404, "NotFound", () => Client.CoreV1.ReadNamespacedPodAsync("driver", Ns, cancellationToken: cts.Token));
        await Eventually(() => Task.FromResult(Fake.Store.List<V1ConfigMap>(Ns).Count == 0 && Fake.Store.List<V1Service>(Ns).Count == 0));
    }

    [Fact]
    public async Task DeletePod_Orphan_DependentsKeptWithoutOwnerReference()
    {
        using var cts = Bounded();
        var owner = await Client.CoreV1.CreateNamespacedPodAsync(Pod("driver"), Ns, cancellationToken: cts.Token);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("conf", OwnedBy(owner, block: true)), Ns, cancellationToken: cts.Token);

        await Client.CoreV1.DeleteNamespacedPodAsync("driver", Ns, propagationPolicy: "Orphan", gracePeriodSeconds: 0, cancellationToken: cts.Token);
        await Task.Delay(Fake.Options.GcDelay * 5, cts.Token);

        var kept = await Client.CoreV1.ReadNamespacedConfigMapAsync("conf", Ns, cancellationToken: cts.Token);
        Assert.Empty(kept.Metadata.OwnerReferences ?? []);
        await FailsWith(404, "NotFound", () => Client.CoreV1.ReadNamespacedPodAsync("driver", Ns, cancellationToken: cts.Token));
    }

    [Fact]
    public async Task DeletePod_GracefulDefault_TerminatingThenGone()
    {
        using var cts = Bounded();
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("slow"), Ns, cancellationToken: cts.Token);
        var answer = await Client.CoreV1.DeleteNamespacedPodAsync("slow", Ns, cancellationToken: cts.Token);
        Assert.NotNull(answer.Metadata.DeletionTimestamp);
        Assert.NotNull(Fake.Store.Get<V1Pod>(Ns, "slow"));
        await Eventually(() => Task.FromResult(Fake.Store.Get<V1Pod>(Ns, "slow") is null));
    }
}
