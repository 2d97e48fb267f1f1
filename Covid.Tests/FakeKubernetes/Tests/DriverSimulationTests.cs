using System.Text.Json;
using Covid.Tests.Support.Kubernetes;
using k8s;
using k8s.Models;
using static Covid.Tests.Support.Kubernetes.FakeObjects;

namespace Covid.Tests.FakeKubernetes.Tests;

public sealed class DriverSimulationTests() : FakeClusterTest(new() { Fake = new FakeKubeOptions { KubeletStepDelay = TimeSpan.FromMilliseconds(20) } })
{
    [Fact]
    public async Task DriverPod_RunExecutors_CreatesOwnedExecutorsServesProgressAndCleansUp()
    {
        using var cts = Bounded(20);
        string? jobsJson = null;
        string? stagesJson = null;
        string? script = null;
        Fake.Kubelet.DriverBehaviour = SparkDriverBehaviours.RunExecutors(tasks: 4, body: async ctx =>
        {
            script = ctx.ReadMountedFile("/opt/covid/job/query.sql");
            using var http = new HttpClient();
            jobsJson = await http.GetStringAsync($"{Fake.Url}/spark/an-1-driver-svc/api/v1/applications/app-1/jobs", ctx.CancellationToken);
            stagesJson = await http.GetStringAsync($"{Fake.Url}/spark/an-1-driver-svc/api/v1/applications/app-1/stages?status=active", ctx.CancellationToken);
        });
        await SubmitDriverAsync("an-1", cts.Token);

        await Eventually(async () => (await Client.CoreV1.ReadNamespacedPodAsync("an-1-driver", Ns, cancellationToken: cts.Token)).Status.Phase == "Succeeded", 20);

        Assert.Equal("SELECT 1", script);
        using (var jobs = JsonDocument.Parse(jobsJson!))
        {
            var job = Assert.Single(jobs.RootElement.EnumerateArray().ToList());
            Assert.Equal((4, 4, 0), (job.GetProperty("numTasks").GetInt32(), job.GetProperty("numCompletedTasks").GetInt32(), job.GetProperty("numActiveTasks").GetInt32()));
            Assert.Equal("RUNNING", job.GetProperty("status").GetString());
        }
        using (var stages = JsonDocument.Parse(stagesJson!))
        {
            Assert.Equal(4, Assert.Single(stages.RootElement.EnumerateArray().ToList()).GetProperty("numCompleteTasks").GetInt32());
        }

        // Two executors (spark.executor.instances) created by the driver with its SA, owned by the driver, deleted at the end.
        var created = Fake.Journal.Entries.Where(e => e.FromDriver && e.Verb == "create" && e.Resource == "pods").ToList();
        Assert.Equal(2, created.Count);
        Assert.All(created, e => Assert.Equal($"system:serviceaccount:{Ns}:covid-spark", e.User));
        var executor = KubernetesJson.Deserialize<V1Pod>(created[0].Body!);
        var driver = await Client.CoreV1.ReadNamespacedPodAsync("an-1-driver", Ns, cancellationToken: cts.Token);
        Assert.Equal(driver.Metadata.Uid, Assert.Single(executor.Metadata.OwnerReferences).Uid);
        Assert.Equal(("executor", "app-1"), (executor.Metadata.Labels["spark-role"], executor.Metadata.Labels["spark-app-selector"]));
        Assert.Equal("covid-data", Assert.Single(executor.Spec.Volumes).PersistentVolumeClaim.ClaimName);
        var cleanup = Fake.Journal.Entries.Where(e => e.FromDriver && e.Verb == "deletecollection").ToList();
        Assert.Equal(["pods", "configmaps"], cleanup.Select(e => e.Resource));
        Assert.All(cleanup, e => Assert.Equal("spark-app-selector=app-1,spark-role=executor", e.QueryValue("labelSelector")));
        Assert.Empty(await ExecutorsAsync(cts.Token));
        Assert.Equal(["an-1-job"], Fake.Store.List<V1ConfigMap>(Ns).Select(c => c.Metadata.Name));
        Assert.Contains("Successfully stopped SparkContext", Fake.GetPodLog(Ns, "an-1-driver"));
        Assert.DoesNotContain(Fake.Journal.External, e => e.Verb == "create" && e.Name!.Contains("exec"));
    }

    [Fact]
    public async Task DriverPod_BehaviourExitCode1_FailedWithErrorAndLogTail()
    {
        using var cts = Bounded(20);
        Fake.Kubelet.DriverBehaviour = SparkDriverBehaviours.RunExecutors(executors: 1, exitCode: 1);
        await SubmitDriverAsync("an-2", cts.Token);
        await Eventually(async () => (await Client.CoreV1.ReadNamespacedPodAsync("an-2-driver", Ns, cancellationToken: cts.Token)).Status.Phase == "Failed", 20);
        var pod = await Client.CoreV1.ReadNamespacedPodAsync("an-2-driver", Ns, cancellationToken: cts.Token);
        Assert.Equal((1, "Error"), (pod.Status.ContainerStatuses[0].State.Terminated.ExitCode, pod.Status.ContainerStatuses[0].State.Terminated.Reason));
        using var log = await Client.CoreV1.ReadNamespacedPodLogAsync("an-2-driver", Ns, tailLines: 1, cancellationToken: cts.Token);
        Assert.Equal("ERROR SparkSQLCLIDriver: exiting with code 1\n", await new StreamReader(log).ReadToEndAsync(cts.Token));
    }

    [Fact]
    public async Task DriverPod_ForegroundDeleteWhileRunning_DriverExecutorsConfigMapServiceAllGone()
    {
        using var cts = Bounded(20);
        Fake.Kubelet.DriverBehaviour = SparkDriverBehaviours.RunExecutors(work: TimeSpan.FromSeconds(30));
        await SubmitDriverAsync("an-3", cts.Token);
        await Eventually(async () => (await ExecutorsAsync(cts.Token)).Count(p => p.Status.Phase == "Running") == 2, 20);
        Assert.NotNull(Fake.Spark.Find("an-3-driver-svc"));

        await Client.CoreV1.DeleteNamespacedPodAsync("an-3-driver", Ns, propagationPolicy: "Foreground", cancellationToken: cts.Token);

        await Eventually(() => Task.FromResult(Fake.Store.List<V1Pod>(Ns).Count == 0 && Fake.Store.List<V1ConfigMap>(Ns).Count == 0 && Fake.Store.List<V1Service>(Ns).Count == 0), 20);
        Assert.Empty(Fake.Kubelet.Errors);
    }

    [Fact]
    public async Task SparkMonitoring_UnknownService_404()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync($"{Fake.Url}/spark/nobody/api/v1/applications");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<IList<V1Pod>> ExecutorsAsync(CancellationToken ct) =>
        (await Client.CoreV1.ListNamespacedPodAsync(Ns, labelSelector: "spark-role=executor", cancellationToken: ct)).Items;

    /// <summary>What the launcher will create: driver pod, then the ConfigMap and headless Service owned by it.</summary>
    private async Task SubmitDriverAsync(string id, CancellationToken ct)
    {
        var labels = new Dictionary<string, string> { ["spark-role"] = "driver", ["spark-app-selector"] = "app-" + id[3..], ["covid-analysis/analysis-id"] = id };
        var driver = await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = $"{id}-driver", Labels = labels },
            Spec = new V1PodSpec
            {
                RestartPolicy = "Never",
                ServiceAccountName = "covid-spark",
                Containers = [new V1Container
                {
                    Name = "spark-kubernetes-driver", Image = "apache/spark:3.5.3",
                    Args = ["spark-sql", "--properties-file", "/opt/covid/job/spark.properties", "-f", "/opt/covid/job/query.sql"],
                    VolumeMounts = [new V1VolumeMount { Name = "job", MountPath = "/opt/covid/job" }],
                }],
                Volumes = [new V1Volume { Name = "job", ConfigMap = new V1ConfigMapVolumeSource { Name = $"{id}-job" } }],
            },
        }, Ns, cancellationToken: ct);
        var owner = OwnedBy(driver, block: true);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap($"{id}-job", owner, new Dictionary<string, string>
        {
            ["query.sql"] = "SELECT 1",
            ["spark.properties"] = $"spark.app.id=app-{id[3..]}\nspark.executor.instances=2\nspark.kubernetes.authenticate.executor.serviceAccountName=covid-spark\n"
                + "spark.kubernetes.executor.volumes.persistentVolumeClaim.data.options.claimName=covid-data\nspark.kubernetes.executor.volumes.persistentVolumeClaim.data.mount.path=/data\n",
        }), Ns, cancellationToken: ct);
        await Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = $"{id}-driver-svc", OwnerReferences = [owner] },
            Spec = new V1ServiceSpec { ClusterIP = "None", Selector = labels, Ports = [new V1ServicePort { Name = "spark-ui", Port = 4040 }] },
        }, Ns, cancellationToken: ct);
    }
}
