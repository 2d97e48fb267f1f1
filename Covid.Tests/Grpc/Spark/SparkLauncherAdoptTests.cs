using Covid.Server.Kubernetes;
using Covid.Server.Spark;
using Covid.Tests.FakeKubernetes;
using Covid.Tests.Support.Spark;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using k8s.Models;

namespace Covid.Tests.Grpc.Spark;

/// <summary>The launcher against the fake API server directly: 409 on create adopts only what belongs to the analysis.</summary>
public sealed class SparkLauncherAdoptTests : IAsyncLifetime
{
    private const string Ns = LaunchFixtures.Namespace;
    private FakeKubeApiServer fake = null!;

    public async Task InitializeAsync()
    {
        fake = await FakeKubeApiServer.StartAsync();
        fake.Kubelet.Enabled = false;
    }

    public async Task DisposeAsync() => await fake.DisposeAsync();

    private SparkLauncher Launcher() => new(fake.CreateClient(),
        new KubernetesApi(Options.Create(new KubernetesOptions { ApiRetryDelay = TimeSpan.FromMilliseconds(5) }), NullLogger<KubernetesApi>.Instance),
        NullLogger<SparkLauncher>.Instance);

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
        var existing = fake.Store.Create(Ns, Objects().DriverPod);

        var pod = await Launcher().LaunchAsync(Objects(), Ns, CancellationToken.None);

        Assert.Equal(existing.Metadata.Uid, pod.Metadata.Uid);
        Assert.Equal([409], fake.Journal.Calls("create", "pods").Select(c => c.StatusCode));
        Assert.Single(fake.Store.List<V1Pod>(Ns));
        var map = fake.Store.Get<V1ConfigMap>(Ns, "covid-abc123-conf")!;
        Assert.Equal(existing.Metadata.Uid, map.Metadata.OwnerReferences.Single().Uid);
    }

    [Fact]
    public async Task LaunchAsync_SameNameBelongsToAnotherAnalysis_FailsWithoutTouchingIt()
    {
        var foreign = Objects().DriverPod;
        foreign.Metadata.Labels["covid-analysis/analysis-id"] = "someoneelse";
        var existing = fake.Store.Create(Ns, foreign);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => Launcher().LaunchAsync(Objects(), Ns, CancellationToken.None));

        Assert.Contains("pods \"covid-abc123-driver\" already exists and does not belong to analysis abc123", ex.Message);
        Assert.Contains("\"someoneelse\"", ex.Message);
        Assert.Equal(existing.Metadata.Uid, fake.Store.Get<V1Pod>(Ns, "covid-abc123-driver")!.Metadata.Uid);
        Assert.Empty(fake.Journal.Calls("create", "configmaps"));
    }

    [Fact]
    public async Task LaunchAsync_ConfigMapLeftFromEarlierLaunch_Adopted()
    {
        fake.Store.Create(Ns, Objects().ConfigMap);

        await Launcher().LaunchAsync(Objects(), Ns, CancellationToken.None);

        Assert.Equal([409], fake.Journal.Calls("create", "configmaps").Select(c => c.StatusCode));
        Assert.Single(fake.Store.List<V1ConfigMap>(Ns));
        Assert.Single(fake.Store.List<V1Service>(Ns));
    }
}
