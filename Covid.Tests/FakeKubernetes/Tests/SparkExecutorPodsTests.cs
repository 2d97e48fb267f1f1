using Covid.Tests.FakeKubernetes;
using k8s;
using k8s.Models;
using static Covid.Tests.Support.Kubernetes.FakeObjects;

namespace Covid.Tests.FakeKubernetes.Tests;

/// <summary>The simulated Spark driver builds executors as Spark does: over the shipped pod template, sized by its confs, retrying refusals.</summary>
public sealed class SparkExecutorPodsTests : IAsyncLifetime
{
    private const string Template = """
        apiVersion: v1
        kind: Pod
        metadata:
          labels:
            team: analytics
        spec:
          automountServiceAccountToken: false
          securityContext:
            runAsNonRoot: true
            runAsUser: 1654
          containers:
            - name: spark-kubernetes-executor
              securityContext:
                allowPrivilegeEscalation: false
        """;

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

    [Fact]
    public async Task Executors_OverTheTemplate_KeepItsSecurityAndLabelsWithSparksNameResourcesAndVolumes()
    {
        using var cts = Bounded(20);
        _fake.Kubelet.DriverBehaviour = SparkDriverBehaviours.RunExecutors(executors: 1, tasks: 1);
        await StartDriverAsync(cts.Token);

        await Eventually(async () => (await _client.CoreV1.ReadNamespacedPodAsync("x-driver", Ns, cancellationToken: cts.Token)).Status.Phase == "Succeeded", 20);
        var executor = KubernetesJson.Deserialize<V1Pod>(_fake.Journal.Entries.Single(e => e.FromDriver && e.Verb == "create" && e.Resource == "pods").Body!);

        Assert.Equal("x-exec-1", executor.Metadata.Name);
        Assert.Equal(("analytics", "executor", "app-x", "abc"), (executor.Metadata.Labels["team"], executor.Metadata.Labels["spark-role"],
            executor.Metadata.Labels["spark-app-selector"], executor.Metadata.Labels["covid-analysis/analysis-id"]));
        Assert.False(executor.Spec.AutomountServiceAccountToken);
        Assert.Equal(1654, executor.Spec.SecurityContext.RunAsUser);
        var container = Assert.Single(executor.Spec.Containers);
        Assert.Equal(("spark-kubernetes-executor", "apache/spark:3.5.3", "executor"), (container.Name, container.Image, container.Args[0]));
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.Equal(("500m", "1", "2432Mi", "2432Mi"), (container.Resources.Requests["cpu"].ToString(), container.Resources.Limits["cpu"].ToString(),
            container.Resources.Requests["memory"].ToString(), container.Resources.Limits["memory"].ToString()));
        Assert.Equal(("blockmanager", 7079), (container.Ports[0].Name, container.Ports[0].ContainerPort));
        Assert.Equal(["spark-local-dir-1", "data"], executor.Spec.Volumes.Select(v => v.Name));
    }

    [Fact]
    public async Task Executors_RefusedByAQuota_LoggedAsSparkLogsItAndRetriedEverySecond()
    {
        using var cts = Bounded(20);
        _fake.Kubelet.DriverBehaviour = SparkDriverBehaviours.RunExecutors(executors: 1);
        await StartDriverAsync(cts.Token);
        _fake.Store.AddQuota(new FakeResourceQuota("compute", Ns, "500m"));

        await Eventually(() => Task.FromResult(_fake.Journal.Entries.Count(e => e.FromDriver && e.Verb == "create" && e.Resource == "pods" && e.StatusCode == 403) >= 2), 20);

        var log = _fake.GetPodLog(Ns, "x-driver");
        Assert.Contains("io.fabric8.kubernetes.client.KubernetesClientException: Failure executing: POST at: https://kubernetes.default.svc/api/v1/namespaces/covid-analysis/pods. " +
            "Message: pods \"x-exec-1\" is forbidden: exceeded quota: compute, requested: limits.cpu=1, used: limits.cpu=0, limited: limits.cpu=500m.", log);
        Assert.Equal("Running", (await _client.CoreV1.ReadNamespacedPodAsync("x-driver", Ns, cancellationToken: cts.Token)).Status.Phase);
        Assert.Empty(_fake.Kubelet.Errors);
    }

    /// <summary>A driver pod whose ConfigMap carries spark.properties and the executor template, as the launcher ships them.</summary>
    private async Task StartDriverAsync(CancellationToken ct)
    {
        var driver = Pod("x-driver", new Dictionary<string, string> { ["spark-role"] = "driver", ["spark-app-selector"] = "app-x" });
        driver.Spec.ServiceAccountName = "covid-spark";
        driver.Spec.Containers[0].VolumeMounts = [new V1VolumeMount { Name = "conf", MountPath = "/opt/spark/conf" }];
        driver.Spec.Volumes = [new V1Volume { Name = "conf", ConfigMap = new V1ConfigMapVolumeSource { Name = "x-conf" } }];
        var created = await _client.CoreV1.CreateNamespacedPodAsync(driver, Ns, cancellationToken: ct);
        await _client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("x-conf", OwnedBy(created, block: false), new Dictionary<string, string>
        {
            ["executor-pod-template.yaml"] = Template,
            ["spark.properties"] = string.Join("\n",
                "spark.app.id=app-x",
                "spark.kubernetes.container.image=apache/spark\\:3.5.3",
                "spark.kubernetes.executor.podTemplateFile=/opt/spark/conf/executor-pod-template.yaml",
                "spark.kubernetes.executor.label.covid-analysis/analysis-id=abc",
                "spark.executor.memory=2g",
                "spark.kubernetes.executor.request.cores=500m",
                "spark.kubernetes.executor.limit.cores=1",
                "spark.kubernetes.executor.volumes.persistentVolumeClaim.data.options.claimName=covid-data",
                "spark.kubernetes.executor.volumes.persistentVolumeClaim.data.mount.path=/data"),
        }), Ns, cancellationToken: ct);
    }
}
