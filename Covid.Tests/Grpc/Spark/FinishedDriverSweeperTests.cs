using Covid.Server.Hosting;
using Covid.Server.Jobs;
using Covid.Server.Kubernetes;
using Covid.Server.Spark;
using Covid.Server.Storage;
using Covid.Tests.Support.Kubernetes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using k8s.Models;

namespace Covid.Tests.Grpc.Spark;

public sealed class FinishedDriverSweeperTests() : FakeClusterTest(new()
{
    Kubelet = false,
    Kubernetes = o =>
    {
        o.Namespace = Ns;
        o.FinishedDriverTtl = TimeSpan.FromMinutes(10);
    },
})
{
    private const string Ns = "covid-sweep";

    private void Driver(string id, string phase, DateTime? finished, bool managed = true)
    {
        var labels = new SparkNames(id).CommonLabels("spark-driver");
        labels["spark-role"] = "driver";
        if (!managed)
        {
            labels.Remove(SparkNames.ManagedByLabel);
        }
        Fake.Store.Create(Ns, new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta { Name = $"covid-{id}-driver", Labels = labels },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "spark-kubernetes-driver", Image = "spark" }] },
        });
        Fake.Store.UpdatePodStatus(Ns, $"covid-{id}-driver", p => p.Status = new V1PodStatus
        {
            Phase = phase,
            ContainerStatuses = finished is null ? null :
            [
                new V1ContainerStatus
                {
                    Name = "spark-kubernetes-driver", Image = "spark", ImageID = "", Ready = false, RestartCount = 0,
                    State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 0, FinishedAt = finished } },
                },
            ],
        });
    }

    [Fact]
    public async Task SweepAsync_DriversFinishedLongerThanTtl_OnlyThoseDeleted()
    {
        var now = DateTime.UtcNow;
        Driver("old", "Succeeded", now.AddMinutes(-30));
        Driver("oldfailed", "Failed", now.AddMinutes(-11));
        Driver("recent", "Succeeded", now.AddMinutes(-2));
        Driver("running", "Running", null);
        Driver("notours", "Succeeded", now.AddHours(-5), managed: false);
        var options = Options.Create(Cluster.Options);
        var sweeper = new FinishedDriverSweeper(Client, Cluster.Api,
            new SparkObjectsFactory(options, Options.Create(new SparkOptions()), new DataLayout(Options.Create(new DataOptions()))),
            options, TimeProvider.System, NullLogger<FinishedDriverSweeper>.Instance);

        var deleted = await sweeper.SweepAsync(CancellationToken.None);

        Assert.Equal(["covid-old-driver", "covid-oldfailed-driver"], deleted.Order());
        Assert.Equal(["covid-notours-driver", "covid-recent-driver", "covid-running-driver"],
            Fake.Store.List<V1Pod>(Ns).Select(p => p.Metadata.Name).Order());
    }
}
