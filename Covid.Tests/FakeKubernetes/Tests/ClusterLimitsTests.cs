using Covid.Tests.FakeKubernetes;
using k8s;
using k8s.Models;
using static Covid.Tests.Support.Kubernetes.FakeObjects;

namespace Covid.Tests.FakeKubernetes.Tests;

/// <summary>What a real cluster does to pods it cannot take: quota admission, the scheduler, the kubelet's mounts, events.</summary>
public sealed class ClusterLimitsTests : IAsyncLifetime
{
    private FakeKubeApiServer _fake = null!;
    private IKubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeKubeApiServer.StartAsync(new FakeKubeOptions { KubeletStepDelay = TimeSpan.FromMilliseconds(10) });
        _client = _fake.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _fake.DisposeAsync();
    }

    private static V1Pod Limited(string name, string? cpuLimit)
    {
        var pod = Pod(name);
        pod.Spec.Containers[0].Resources = new V1ResourceRequirements
        {
            Limits = cpuLimit is null ? null : new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpuLimit) },
        };
        return pod;
    }

    [Fact]
    public async Task Create_QuotaOnLimitsCpuAndAContainerWithoutLimit_ForbiddenNamingTheContainer()
    {
        using var cts = Bounded();
        _fake.Kubelet.Enabled = false;
        _fake.Store.AddQuota(new FakeResourceQuota("compute", Ns, "2"));

        var status = await FailsWith(403, "Forbidden", () => _client.CoreV1.CreateNamespacedPodAsync(Limited("p", null), Ns, cancellationToken: cts.Token));

        Assert.Equal("pods \"p\" is forbidden: failed quota: compute: must specify limits.cpu for: main", status.Message);
        // Another namespace has no quota.
        await _client.CoreV1.CreateNamespacedPodAsync(Limited("p", null), "elsewhere", cancellationToken: cts.Token);
    }

    [Fact]
    public async Task Create_QuotaExceededByLiveButNotByEndedPods_ForbiddenWithRequestedUsedLimited()
    {
        using var cts = Bounded();
        _fake.Kubelet.Enabled = false;
        _fake.Store.AddQuota(new FakeResourceQuota("compute", Ns, "1500m"));
        await _client.CoreV1.CreateNamespacedPodAsync(Limited("a", "1"), Ns, cancellationToken: cts.Token);
        _fake.Store.Create(Ns, Limited("done", "500m"));
        _fake.Store.UpdatePodStatus(Ns, "done", p => p.Status.Phase = "Succeeded");

        await _client.CoreV1.CreateNamespacedPodAsync(Limited("b", "500m"), Ns, cancellationToken: cts.Token);
        var status = await FailsWith(403, "Forbidden", () => _client.CoreV1.CreateNamespacedPodAsync(Limited("c", "500m"), Ns, cancellationToken: cts.Token));

        Assert.Equal("pods \"c\" is forbidden: exceeded quota: compute, requested: limits.cpu=500m, used: limits.cpu=1500m, limited: limits.cpu=1500m", status.Message);
    }

    [Fact]
    public async Task Kubelet_UnschedulablePod_PendingWithPodScheduledFalseAndAFailedSchedulingEvent()
    {
        using var cts = Bounded();
        _fake.Kubelet.Policy = _ => PodScript.Unschedulable("0/1 nodes are available: 1 Insufficient cpu.");
        var created = await _client.CoreV1.CreateNamespacedPodAsync(Pod("big"), Ns, cancellationToken: cts.Token);

        await Eventually(async () => (await _client.CoreV1.ReadNamespacedPodAsync("big", Ns, cancellationToken: cts.Token)).Status.Conditions is { Count: > 0 });
        var pod = await _client.CoreV1.ReadNamespacedPodAsync("big", Ns, cancellationToken: cts.Token);
        var events = await _client.CoreV1.ListNamespacedEventAsync(Ns, fieldSelector: $"involvedObject.kind=Pod,involvedObject.uid={created.Metadata.Uid}", cancellationToken: cts.Token);

        Assert.Equal("Pending", pod.Status.Phase);
        Assert.Null(pod.Spec.NodeName);
        var scheduled = Assert.Single(pod.Status.Conditions);
        Assert.Equal(("PodScheduled", "False", "Unschedulable", "0/1 nodes are available: 1 Insufficient cpu."), (scheduled.Type, scheduled.Status, scheduled.Reason, scheduled.Message));
        var e = Assert.Single(events.Items);
        Assert.Equal(("Warning", "FailedScheduling", "default-scheduler"), (e.Type, e.Reason, e.Source.Component));
    }

    [Fact]
    public async Task Kubelet_VolumeDoesNotMount_ContainerCreatingAndOnlyTheEventSaysWhy()
    {
        using var cts = Bounded();
        _fake.Kubelet.Policy = pod => pod.Metadata.Name == "stuck" ? PodScript.MountFails("MountVolume.SetUp failed for volume \"data\" : mount failed") : PodScript.RunUntilDeleted();
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("stuck"), Ns, cancellationToken: cts.Token);
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("fine"), Ns, cancellationToken: cts.Token);

        await Eventually(async () => (await _client.CoreV1.ListNamespacedEventAsync(Ns, cancellationToken: cts.Token)).Items.Any(e => e.Reason == "FailedMount"));
        await Eventually(async () => (await _client.CoreV1.ReadNamespacedPodAsync("fine", Ns, cancellationToken: cts.Token)).Status.Phase == "Running");
        var stuck = await _client.CoreV1.ReadNamespacedPodAsync("stuck", Ns, cancellationToken: cts.Token);
        var events = await _client.CoreV1.ListNamespacedEventAsync(Ns, fieldSelector: "involvedObject.name=stuck,type=Warning", cancellationToken: cts.Token);

        Assert.Equal("Pending", stuck.Status.Phase);
        Assert.Equal("fake-node-1", stuck.Spec.NodeName);
        Assert.Equal("ContainerCreating", stuck.Status.ContainerStatuses[0].State.Waiting.Reason);
        Assert.Equal("MountVolume.SetUp failed for volume \"data\" : mount failed", Assert.Single(events.Items).Message);
        await FailsWith(400, "BadRequest", () => _client.CoreV1.ListNamespacedEventAsync(Ns, fieldSelector: "involvedObject.color=red", cancellationToken: cts.Token));
    }
}
