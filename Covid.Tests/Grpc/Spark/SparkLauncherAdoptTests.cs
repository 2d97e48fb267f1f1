using Covid.Server.Spark;
using Covid.Tests.Support.Kubernetes;
using Covid.Tests.Support.Spark;
using Microsoft.Extensions.Logging.Abstractions;
using k8s.Models;

namespace Covid.Tests.Grpc.Spark;

/// <summary>The launcher against the fake API server directly: 409 on create adopts only what belongs to the analysis.</summary>
public sealed class SparkLauncherAdoptTests() : FakeClusterTest(new() { Kubelet = false })
{
    private const string Ns = LaunchFixtures.Namespace;

    private SparkLauncher Launcher() => new(Client, Cluster.Api, NullLogger<SparkLauncher>.Instance);

    private static SparkObjects Objects()
    {
        var names = LaunchFixtures.Names;
        return new SparkObjects(names,
            DriverPodBuilder.Build(names, Ns, LaunchFixtures.Job, LaunchFixtures.Options, null),
            ConfigMapBuilder.Build(names, Ns, LaunchFixtures.Job, null),
            DriverServiceBuilder.Build(names, Ns));
    }

    [Fact]
    public async Task LaunchAsync_DriverOfThisAnalysisExists_AdoptedAndDependentsOwnedByIt()
    {
        var existing = Fake.Store.Create(Ns, Objects().DriverPod);

        var pod = await Launcher().LaunchAsync(Objects(), Ns, CancellationToken.None);

        Assert.Equal(existing.Metadata.Uid, pod.Metadata.Uid);
        Assert.Equal([409], Fake.Journal.Calls("create", "pods").Select(c => c.StatusCode));
        Assert.Single(Fake.Store.List<V1Pod>(Ns));
        var map = Fake.Store.Get<V1ConfigMap>(Ns, "covid-abc123-conf")!;
        Assert.Equal(existing.Metadata.Uid, map.Metadata.OwnerReferences.Single().Uid);
    }

    [Fact]
    public async Task LaunchAsync_SameNameBelongsToAnotherAnalysis_FailsWithoutTouchingIt()
    {
        var foreign = Objects().DriverPod;
        foreign.Metadata.Labels["covid-analysis/analysis-id"] = "someoneelse";
        var existing = Fake.Store.Create(Ns, foreign);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => Launcher().LaunchAsync(Objects(), Ns, CancellationToken.None));

        Assert.Contains("pods \"covid-abc123-driver\" already exists and does not belong to analysis abc123", ex.Message);
        Assert.Contains("\"someoneelse\"", ex.Message);
        Assert.Equal(existing.Metadata.Uid, Fake.Store.Get<V1Pod>(Ns, "covid-abc123-driver")!.Metadata.Uid);
        Assert.Empty(Fake.Journal.Calls("create", "configmaps"));
    }

    [Fact]
    public async Task LaunchAsync_ConfigMapLeftFromEarlierLaunch_Adopted()
    {
        Fake.Store.Create(Ns, Objects().ConfigMap);

        await Launcher().LaunchAsync(Objects(), Ns, CancellationToken.None);

        Assert.Equal([409], Fake.Journal.Calls("create", "configmaps").Select(c => c.StatusCode));
        Assert.Single(Fake.Store.List<V1ConfigMap>(Ns));
        Assert.Single(Fake.Store.List<V1Service>(Ns));
    }
}
