using Covid.Tests.Support.Kubernetes;
using k8s;
using k8s.Models;
using static Covid.Tests.Support.Kubernetes.FakeObjects;

namespace Covid.Tests.FakeKubernetes.Tests;

public sealed class CrudTests() : FakeClusterTest(new() { Kubelet = false })
{
    [Fact]
    public async Task CreatePod_NewName_AssignsUidTimestampResourceVersionAndPending()
    {
        var before = long.Parse(Fake.Store.ResourceVersion);
        var created = await Client.CoreV1.CreateNamespacedPodAsync(Pod("p1"), Ns);
        Assert.Equal("p1", created.Metadata.Name);
        Assert.Equal(Ns, created.Metadata.NamespaceProperty);
        Assert.True(Guid.TryParse(created.Metadata.Uid, out _));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.True(long.Parse(created.Metadata.ResourceVersion) > before);
        Assert.Equal("Pending", created.Status.Phase);
        var got = await Client.CoreV1.ReadNamespacedPodAsync("p1", Ns);
        Assert.Equal(created.Metadata.Uid, got.Metadata.Uid);
        Assert.Equal(created.Metadata.ResourceVersion, got.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task CreatePod_ExistingName_409AlreadyExists()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("dup"), Ns);
        var status = await FailsWith(409, "AlreadyExists", () => Client.CoreV1.CreateNamespacedPodAsync(Pod("dup"), Ns));
        Assert.Equal("pods \"dup\" already exists", status.Message);
    }

    [Fact]
    public async Task CreatePod_GenerateName_GetsUniqueSuffixedNames()
    {
        var template = Pod("");
        template.Metadata.Name = null;
        template.Metadata.GenerateName = "gen-";
        var a = await Client.CoreV1.CreateNamespacedPodAsync(template, Ns);
        var b = await Client.CoreV1.CreateNamespacedPodAsync(template, Ns);
        Assert.Matches("^gen-[a-z0-9]{5}$", a.Metadata.Name);
        Assert.NotEqual(a.Metadata.Name, b.Metadata.Name);
    }

    [Fact]
    public async Task ReadPod_Missing_404NotFound()
    {
        var status = await FailsWith(404, "NotFound", () => Client.CoreV1.ReadNamespacedPodAsync("nope", Ns));
        Assert.Equal("pods \"nope\" not found", status.Message);
    }

    [Fact]
    public async Task ReadPod_OtherNamespace_404NotFound()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("here"), Ns);
        await FailsWith(404, "NotFound", () => Client.CoreV1.ReadNamespacedPodAsync("here", "elsewhere"));
    }

    [Fact]
    public async Task ListPods_LabelSelectors_FilterByEqualitySetAndExistence()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("d", new Dictionary<string, string> { ["spark-role"] = "driver", ["app"] = "a1" }), Ns);
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("e1", new Dictionary<string, string> { ["spark-role"] = "executor", ["app"] = "a1" }), Ns);
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("e2", new Dictionary<string, string> { ["spark-role"] = "executor", ["app"] = "a2" }), Ns);
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("plain"), Ns);

        async Task<string[]> Names(string? selector) =>
            [.. (await Client.CoreV1.ListNamespacedPodAsync(Ns, labelSelector: selector)).Items.Select(p => p.Metadata.Name)];

        Assert.Equal(["d", "e1", "e2", "plain"], await Names(null));
        Assert.Equal(["e1", "e2"], await Names("spark-role=executor"));
        Assert.Equal(["e1"], await Names("spark-role==executor,app=a1"));
        Assert.Equal(["d"], await Names("app in (a1,a2),spark-role notin (executor)"));
        Assert.Equal(["e2"], await Names("app in (a2, x)"));
        Assert.Equal(["d", "plain"], await Names("spark-role!=executor"));
        Assert.Equal(["d", "e1", "e2"], await Names("spark-role"));
        Assert.Equal(["plain"], await Names("!app"));
    }

    [Fact]
    public async Task ListPods_BadSelector_400BadRequest()
    {
        await FailsWith(400, "BadRequest", () => Client.CoreV1.ListNamespacedPodAsync(Ns, labelSelector: "a in x"));
    }

    [Fact]
    public async Task ListPods_CarriesListResourceVersionOfLatestChange()
    {
        var created = await Client.CoreV1.CreateNamespacedPodAsync(Pod("rv"), Ns);
        var list = await Client.CoreV1.ListNamespacedPodAsync(Ns);
        Assert.Equal(created.Metadata.ResourceVersion, list.Metadata.ResourceVersion);
        Assert.Equal("PodList", list.Kind);
    }

    [Fact]
    public async Task DeletePod_Existing_RemovedAndSecondDelete404()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("gone"), Ns);
        var deleted = await Client.CoreV1.DeleteNamespacedPodAsync("gone", Ns);
        Assert.Equal("gone", deleted.Metadata.Name);
        await FailsWith(404, "NotFound", () => Client.CoreV1.ReadNamespacedPodAsync("gone", Ns));
        await FailsWith(404, "NotFound", () => Client.CoreV1.DeleteNamespacedPodAsync("gone", Ns));
    }

    [Fact]
    public async Task ConfigMapsAndServices_CreateGetDelete_RoundTrip()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("cm", data: new Dictionary<string, string> { ["query.sql"] = "SELECT 1" }), Ns);
        Assert.Equal("SELECT 1", (await Client.CoreV1.ReadNamespacedConfigMapAsync("cm", Ns)).Data["query.sql"]);
        var status = await Client.CoreV1.DeleteNamespacedConfigMapAsync("cm", Ns);
        Assert.Equal("Success", status.Status);
        var svc = await Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "drv-svc" },
            Spec = new V1ServiceSpec { ClusterIP = "None", Selector = new Dictionary<string, string> { ["spark-role"] = "driver" }, Ports = [new V1ServicePort { Name = "driver-rpc-port", Port = 7078 }] },
        }, Ns);
        Assert.Equal("None", svc.Spec.ClusterIP);
        Assert.Equal(7078, (await Client.CoreV1.ReadNamespacedServiceAsync("drv-svc", Ns)).Spec.Ports[0].Port);
        await Client.CoreV1.DeleteNamespacedServiceAsync("drv-svc", Ns);
        await FailsWith(404, "NotFound", () => Client.CoreV1.ReadNamespacedServiceAsync("drv-svc", Ns));
    }

    [Fact]
    public async Task Journal_CreateAndDelete_RecordsVerbPathQueryAndBody()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Pod("j"), Ns);
        await Client.CoreV1.DeleteNamespacedPodAsync("j", Ns, propagationPolicy: "Foreground");
        var create = Assert.Single(Fake.Journal.Calls("create", "pods"));
        Assert.Equal(("POST", $"/api/v1/namespaces/{Ns}/pods", "j", 201), (create.Method, create.Path, create.Name, create.StatusCode));
        Assert.Equal("j", KubernetesJson.Deserialize<V1Pod>(create.Body!).Metadata.Name);
        var delete = Assert.Single(Fake.Journal.Calls("delete", "pods"));
        Assert.Equal("Foreground", delete.QueryValue("propagationPolicy"));
    }

    [Fact]
    public async Task ReplacePodStatus_CurrentVersion_ModifiedEventAndStaleVersion409()
    {
        var rv = Fake.Store.ResourceVersion;
        var pod = await Client.CoreV1.CreateNamespacedPodAsync(Pod("s"), Ns);
        pod.Status.Phase = "Running";
        var updated = await Client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, "s", Ns);
        Assert.Equal("Running", updated.Status.Phase);
        await FailsWith(409, "Conflict", () => Client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, "s", Ns));
        using var cts = Bounded();
        await foreach (var (type, seen) in Client.CoreV1.WatchListNamespacedPodAsync(Ns, resourceVersion: pod.Metadata.ResourceVersion, cancellationToken: cts.Token))
        {
            Assert.Equal((WatchEventType.Modified, "Running"), (type, seen.Status.Phase));
            break;
        }
        Assert.True(long.Parse(updated.Metadata.ResourceVersion) > long.Parse(rv));
    }
}
