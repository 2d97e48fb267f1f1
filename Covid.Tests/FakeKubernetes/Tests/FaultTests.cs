using Covid.Tests.Support.Kubernetes;
using k8s;
using static Covid.Tests.Support.Kubernetes.FakeObjects;

namespace Covid.Tests.FakeKubernetes.Tests;

public sealed class FaultTests() : FakeClusterTest(new() { Kubelet = false })
{
    [Fact]
    public async Task CreatePod_Forbidden403Once_RealRbacMessageThenServed()
    {
        var rule = Fake.Faults.Add("create", "pods", 403, times: 1);
        var status = await FailsWith(403, "Forbidden", () => Client.CoreV1.CreateNamespacedPodAsync(Pod("p"), Ns));
        Assert.Equal(
            $"pods is forbidden: User \"system:serviceaccount:{Ns}:covid-server\" cannot create resource \"pods\" in API group \"\" in the namespace \"{Ns}\"",
            status.Message);
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("p"), Ns);
        Assert.Equal(1, rule.Hits);
        Assert.Equal([403, 201], Fake.Journal.Calls("create", "pods").Select(c => c.StatusCode));
    }

    [Fact]
    public async Task ReadPodLog_Forbidden_NamesSubresourceAndPod()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("p"), Ns);
        Fake.Faults.Add("get", "pods/log", 403);
        var status = await FailsWith(403, "Forbidden", () => Client.CoreV1.ReadNamespacedPodLogAsync("p", Ns));
        Assert.Equal(
            $"pods \"p\" is forbidden: User \"system:serviceaccount:{Ns}:covid-server\" cannot get resource \"pods/log\" in API group \"\" in the namespace \"{Ns}\"",
            status.Message);
    }

    [Fact]
    public async Task ReadPod_ServiceUnavailableTwice_ThirdCallSucceeds()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("p"), Ns);
        var rule = Fake.Faults.Add("get", "pods", 503, times: 2);
        await FailsWith(503, "ServiceUnavailable", () => Client.CoreV1.ReadNamespacedPodAsync("p", Ns));
        await FailsWith(503, "ServiceUnavailable", () => Client.CoreV1.ReadNamespacedPodAsync("p", Ns));
        Assert.Equal("p", (await Client.CoreV1.ReadNamespacedPodAsync("p", Ns)).Metadata.Name);
        Assert.Equal(2, rule.Hits);
    }

    [Fact]
    public async Task CreateConfigMap_Injected409_AlreadyExistsNamesTheObject()
    {
        Fake.Faults.Add("create", "configmaps", 409, times: 1);
        var status = await FailsWith(409, "AlreadyExists", () => Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("cm"), Ns));
        Assert.Equal("configmaps \"cm\" already exists", status.Message);
    }

    [Fact]
    public async Task CreatePod_InternalError500_StatusInternalError()
    {
        Fake.Faults.Add("create", "pods", 500, times: 1);
        await FailsWith(500, "InternalError", () => Client.CoreV1.CreateNamespacedPodAsync(Pod("p"), Ns));
        Assert.Empty(Fake.Store.List<k8s.Models.V1Pod>(Ns));
    }

    [Fact]
    public async Task ReadPod_DelayedBeyondClientTimeout_ClientTimesOut()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("p"), Ns);
        Fake.Faults.Add("get", "pods", status: 0, times: 1, delay: TimeSpan.FromSeconds(5));
        using var impatient = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = Fake.Url, HttpClientTimeout = TimeSpan.FromMilliseconds(300) });
        var started = DateTime.UtcNow;
        var e = await Assert.ThrowsAnyAsync<Exception>(() => impatient.CoreV1.ReadNamespacedPodAsync("p", Ns));
        Assert.True(e is TaskCanceledException or TimeoutException, e.ToString());
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4));
        Assert.Equal("p", (await Client.CoreV1.ReadNamespacedPodAsync("p", Ns)).Metadata.Name);
    }
}
