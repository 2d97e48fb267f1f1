using Covid.Server.Spark;
using Covid.Tests.FakeKubernetes;
using Covid.Tests.Support;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Covid.Tests.Server.Spark;

/// <summary>What the pods of a run wait for, read from their status and events in the fake API server.</summary>
public sealed class PodWaitReaderTests : IAsyncLifetime
{
    private const string Ns = "covid-waits";
    private static readonly SparkNames Names = new("w1");
    private FakeKubeApiServer fake = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        fake = await FakeKubeApiServer.StartAsync();
        fake.Kubelet.Enabled = false;
        services = SparkServices.Create(fake.CreateClient(), new Dictionary<string, string?> { ["Data:Directory"] = "/data/covid", ["Kubernetes:Namespace"] = Ns });
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await fake.DisposeAsync();
    }

    private V1Pod Pod(string name, string role, Action<V1Pod> status)
    {
        var labels = Names.CommonLabels("spark-" + role);
        labels[SparkNames.SparkRoleLabel] = role;
        fake.Store.Create(Ns, new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = labels },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "apache/spark:3.5.3" }] },
        });
        return fake.Store.UpdatePodStatus(Ns, name, status);
    }

    private static void Scheduled(V1Pod p)
    {
        p.Spec.NodeName = "node-1";
        p.Status.Phase = "Pending";
        p.Status.ContainerStatuses = [new V1ContainerStatus { Name = "c", Image = "i", ImageID = "", Ready = false, RestartCount = 0,
            State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ContainerCreating" } } }];
    }

    private async Task<PodWait?> ReadAsync(bool executorsRan = false)
    {
        var pods = fake.Store.List<V1Pod>(Ns);
        return await services.GetRequiredService<PodWaitReader>().ReadAsync(Names, pods, DriverState.Observe(Names, pods), executorsRan, CancellationToken.None);
    }

    [Fact]
    public async Task Read_DriverPulling_WaitThatDoesNotCount()
    {
        var driver = Pod(Names.DriverPod, "driver", Scheduled);
        FakeEvents.Record(fake.Store, driver, "Normal", "Pulling", "Pulling image \"apache/spark:3.5.3\"", "kubelet");

        var wait = await ReadAsync();

        Assert.Equal(new PodWait(PodWaitSubject.Driver, "Pulling", $"driver pod {Names.DriverPod} is pulling its image (Pulling image \"apache/spark:3.5.3\")", false), wait);
    }

    [Fact]
    public async Task Read_DriverScheduledNoEvent_WaitsToStartWithTheContainersReason()
    {
        Pod(Names.DriverPod, "driver", Scheduled);

        var wait = await ReadAsync();

        Assert.Equal(new PodWait(PodWaitSubject.Driver, "ContainerCreating", $"driver pod {Names.DriverPod} waits to start (ContainerCreating)", true), wait);
    }

    [Fact]
    public async Task Read_DriverCreatedNotYetLookedAt_WaitsToBeScheduled()
    {
        Pod(Names.DriverPod, "driver", p => p.Status.Phase = "Pending");

        Assert.Equal("Scheduling", (await ReadAsync())?.Reason);
    }

    [Fact]
    public async Task Read_DriverRunningExecutorsGoneAfterTheyRan_NoWait()
    {
        Pod(Names.DriverPod, "driver", p => p.Status.Phase = "Running");

        Assert.Equal("NoExecutorPods", (await ReadAsync(executorsRan: false))?.Reason);
        Assert.Null(await ReadAsync(executorsRan: true));
    }

    [Fact]
    public async Task Read_OneExecutorRuns_NoWaitWhateverTheOthersDo()
    {
        Pod(Names.DriverPod, "driver", p => p.Status.Phase = "Running");
        Pod("w1-exec-1", "executor", p => p.Status.Phase = "Running");
        Pod("w1-exec-2", "executor", p => p.Status.Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "False", Reason = "Unschedulable", Message = "no" }]);

        Assert.Null(await ReadAsync());
    }
}
