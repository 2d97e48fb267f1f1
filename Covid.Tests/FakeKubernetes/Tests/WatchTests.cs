using Covid.Tests.Support.Kubernetes;
using k8s;
using k8s.Models;
using static Covid.Tests.Support.Kubernetes.FakeObjects;

namespace Covid.Tests.FakeKubernetes.Tests;

public sealed class WatchTests() : FakeClusterTest(new() { Kubelet = false })
{
    [Fact]
    public async Task WatchListNamespacedPod_CreateModifyDelete_AddedModifiedDeletedInOrder()
    {
        using var cts = Bounded();
        var rv = (await Client.CoreV1.ListNamespacedPodAsync(Ns, cancellationToken: cts.Token)).Metadata.ResourceVersion;
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("w"), Ns, cancellationToken: cts.Token);
        Fake.Store.UpdatePodStatus(Ns, "w", p => p.Status.Phase = "Running");
        await Client.CoreV1.DeleteNamespacedPodAsync("w", Ns, cancellationToken: cts.Token);

        var seen = new List<(WatchEventType Type, V1Pod Pod)>();
        var errors = new List<Exception>();
        await foreach (var e in Client.CoreV1.WatchListNamespacedPodAsync(Ns, resourceVersion: rv, onError: errors.Add, cancellationToken: cts.Token))
        {
            seen.Add(e);
            if (seen.Count == 3 || errors.Count > 0)
            {
                break;
            }
        }
        Assert.Empty(errors);
        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], seen.Select(e => e.Type));
        Assert.Equal("Running", seen[1].Pod.Status.Phase);
        var rvs = seen.Select(e => long.Parse(e.Pod.Metadata.ResourceVersion)).ToList();
        Assert.Equal(rvs.Order(), rvs);
        Assert.Equal(3, rvs.Distinct().Count());
    }

    [Fact]
    public async Task WatchListNamespacedPod_LiveEvents_ArriveWhileWatchIsOpen()
    {
        using var cts = Bounded();
        var rv = Fake.Store.ResourceVersion;
        var first = ReadEventsAsync(rv, null, 1, cts.Token);
        await Eventually(() => Task.FromResult(Fake.Store.OpenWatches == 1));
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("live"), Ns, cancellationToken: cts.Token);
        var e = Assert.Single(await first);
        Assert.Equal((WatchEventType.Added, "live"), (e.Type, e.Pod.Metadata.Name));
    }

    [Fact]
    public async Task WatchListNamespacedPod_LabelSelector_OnlyMatchingPods()
    {
        using var cts = Bounded();
        var rv = Fake.Store.ResourceVersion;
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("drv", new Dictionary<string, string> { ["spark-role"] = "driver" }), Ns, cancellationToken: cts.Token);
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("ex", new Dictionary<string, string> { ["spark-role"] = "executor" }), Ns, cancellationToken: cts.Token);
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("other"), Ns, cancellationToken: cts.Token);
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("ex2", new Dictionary<string, string> { ["spark-role"] = "executor" }), Ns, cancellationToken: cts.Token);
        var events = await ReadEventsAsync(rv, "spark-role=executor", 2, cts.Token);
        Assert.Equal(["ex", "ex2"], events.Select(e => e.Pod.Metadata.Name));
        var request = Fake.Journal.Calls("watch", "pods").First();
        Assert.Equal(("true", rv, "spark-role=executor"), (request.QueryValue("watch"), request.QueryValue("resourceVersion"), request.QueryValue("labelSelector")));
    }

    [Fact]
    public async Task WatchListNamespacedPod_ResumeAfterDropWatches_NoDuplicatesNoGaps()
    {
        using var cts = Bounded();
        var rv = Fake.Store.ResourceVersion;
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("a"), Ns, cancellationToken: cts.Token);
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("b"), Ns, cancellationToken: cts.Token);

        // First connection: read until the fake drops it, remembering the last resourceVersion.
        var seen = new List<string>();
        var last = rv;
        await foreach (var (_, pod) in Client.CoreV1.WatchListNamespacedPodAsync(Ns, resourceVersion: rv, cancellationToken: cts.Token))
        {
            seen.Add(pod.Metadata.Name);
            last = pod.Metadata.ResourceVersion;
            if (seen.Count == 2)
            {
                Fake.DropWatches();
            }
        }
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("c"), Ns, cancellationToken: cts.Token);
        await Client.CoreV1.DeleteNamespacedPodAsync("a", Ns, cancellationToken: cts.Token);

        var resumed = await ReadEventsAsync(last, null, 2, cts.Token);
        Assert.Equal(["a", "b"], seen);
        Assert.Equal([(WatchEventType.Added, "c"), (WatchEventType.Deleted, "a")], resumed.Select(e => (e.Type, e.Pod.Metadata.Name)));
    }

    [Fact]
    public async Task WatchListNamespacedPod_AbortedConnection_EnumerationFails()
    {
        using var cts = Bounded();
        var watching = Task.Run(async () =>
        {
            await foreach (var _ in Client.CoreV1.WatchListNamespacedPodAsync(Ns, resourceVersion: Fake.Store.ResourceVersion, cancellationToken: cts.Token))
            {
            }
        });
        await Eventually(() => Task.FromResult(Fake.Store.OpenWatches == 1));
        Fake.DropWatches(abort: true);
        await Assert.ThrowsAnyAsync<Exception>(() => watching);
        Assert.False(cts.IsCancellationRequested);
    }

    [Fact]
    public async Task WatchListNamespacedPod_AfterCompactHistory_Gets410ExpiredAndRelistWorks()
    {
        using var cts = Bounded();
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("old"), Ns, cancellationToken: cts.Token);
        var rv = (await Client.CoreV1.ListNamespacedPodAsync(Ns, cancellationToken: cts.Token)).Metadata.ResourceVersion;
        Fake.CompactHistory();

        var errors = new List<Exception>();
        var events = 0;
        await foreach (var _ in Client.CoreV1.WatchListNamespacedPodAsync(Ns, resourceVersion: rv, onError: errors.Add, cancellationToken: cts.Token))
        {
            events++;
        }
        Assert.Equal(0, events);
        var status = Assert.IsType<KubernetesException>(Assert.Single(errors)).Status;
        Assert.Equal((410, "Expired", "too old resource version"), (status.Code, status.Reason, status.Message));

        var relisted = await Client.CoreV1.ListNamespacedPodAsync(Ns, cancellationToken: cts.Token);
        var watch = ReadEventsAsync(relisted.Metadata.ResourceVersion, null, 1, cts.Token);
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("new"), Ns, cancellationToken: cts.Token);
        Assert.Equal("new", Assert.Single(await watch).Pod.Metadata.Name);
    }

    [Fact]
    public async Task WatchListNamespacedPod_AllowBookmarks_BookmarkCarriesCurrentResourceVersion()
    {
        using var cts = Bounded();
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("x"), Ns, cancellationToken: cts.Token);
        var rv = Fake.Store.ResourceVersion;
        await foreach (var (type, pod) in Client.CoreV1.WatchListNamespacedPodAsync(Ns, allowWatchBookmarks: true, resourceVersion: rv, cancellationToken: cts.Token))
        {
            Assert.Equal(WatchEventType.Bookmark, type);
            Assert.Equal(rv, pod.Metadata.ResourceVersion);
            break;
        }
    }

    [Fact]
    public async Task WatchListNamespacedPod_NoResourceVersion_StartsWithAddedForExisting()
    {
        using var cts = Bounded();
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("e1"), Ns, cancellationToken: cts.Token);
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("e2"), Ns, cancellationToken: cts.Token);
        var events = await ReadEventsAsync(null, null, 2, cts.Token);
        Assert.All(events, e => Assert.Equal(WatchEventType.Added, e.Type));
        Assert.Equal(["e1", "e2"], events.Select(e => e.Pod.Metadata.Name).Order());
    }

    [Fact]
    public async Task WatchListNamespacedPod_FieldSelectorName_OnlyThatPod()
    {
        using var cts = Bounded();
        var rv = Fake.Store.ResourceVersion;
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("other"), Ns, cancellationToken: cts.Token);
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("mine"), Ns, cancellationToken: cts.Token);
        await foreach (var (type, pod) in Client.CoreV1.WatchListNamespacedPodAsync(Ns, fieldSelector: "metadata.name=mine", resourceVersion: rv, cancellationToken: cts.Token))
        {
            Assert.Equal((WatchEventType.Added, "mine"), (type, pod.Metadata.Name));
            break;
        }
    }

    private async Task<List<(WatchEventType Type, V1Pod Pod)>> ReadEventsAsync(string? rv, string? selector, int count, CancellationToken ct)
    {
        var events = new List<(WatchEventType, V1Pod)>();
        await foreach (var e in Client.CoreV1.WatchListNamespacedPodAsync(Ns, resourceVersion: rv, labelSelector: selector, cancellationToken: ct))
        {
            events.Add(e);
            if (events.Count == count)
            {
                break;
            }
        }
        return events;
    }
}
