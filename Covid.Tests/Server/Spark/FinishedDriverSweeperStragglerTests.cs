using Covid.Server.Spark;
using Covid.Tests.FakeKubernetes;
using Covid.Tests.Support;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Covid.Tests.Server.Spark;

/// <summary>The TTL sweeper removes a finished run as a cancel does: no pod of it left, stragglers deleted.</summary>
public sealed class FinishedDriverSweeperStragglerTests : IAsyncLifetime
{
    private const string Ns = "covid-sweep-stragglers";
    private FakeKubeApiServer fake = null!;

    public async Task InitializeAsync()
    {
        fake = await FakeKubeApiServer.StartAsync();
        fake.Kubelet.Enabled = false;
        // The garbage collector would take a minute to get to the dependents.
        fake.Options.DependentsLag = TimeSpan.FromMinutes(1);
    }

    public async Task DisposeAsync() => await fake.DisposeAsync();

    [Fact]
    public async Task SweepAsync_FinishedDriverWithAnExecutorLeft_BothGoneAndTheExecutorDeletedBySweeper()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var names = new SparkNames("old1");
        var labels = names.CommonLabels("spark-driver");
        labels[SparkNames.SparkRoleLabel] = "driver";
        var driver = fake.Store.Create(Ns, new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = names.DriverPod, Labels = labels },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "spark-kubernetes-driver", Image = "apache/spark:3.5.3" }] },
        });
        fake.Store.UpdatePodStatus(Ns, names.DriverPod, p => p.Status = new V1PodStatus
        {
            Phase = "Failed",
            ContainerStatuses = [new V1ContainerStatus { Name = "spark-kubernetes-driver", Image = "i", ImageID = "", Ready = false, RestartCount = 0,
                State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 137, Reason = "OOMKilled", FinishedAt = DateTime.UtcNow.AddHours(-1) } } }],
        });
        // A driver that died never deleted its executor.
        fake.Store.Create(Ns, new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = "covid-old1-exec-1",
                Labels = new Dictionary<string, string> { [SparkNames.AppSelectorLabel] = names.AppId, [SparkNames.SparkRoleLabel] = "executor" },
                OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "Pod", Name = driver.Metadata.Name, Uid = driver.Metadata.Uid, Controller = true }],
            },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "spark-kubernetes-executor", Image = "apache/spark:3.5.3" }] },
        });
        using var services = SparkServices.Create(fake.CreateClient(), new Dictionary<string, string?>
        {
            ["Kubernetes:Namespace"] = Ns,
            ["Kubernetes:FinishedDriverTtl"] = "00:10:00",
            ["Data:Directory"] = "/data/covid",
        });

        var swept = await services.GetRequiredService<FinishedDriverSweeper>().SweepAsync(timeout.Token);

        Assert.Equal([names.DriverPod], swept);
        Assert.Empty(fake.Store.List<V1Pod>(Ns));
        Assert.Contains(fake.Journal.Calls("delete", "pods"), d => d.Name == "covid-old1-exec-1");
    }
}
