using Covid.Tests.FakeKubernetes;

namespace Covid.Tests.Support.Spark;

/// <summary>
/// One server + fake API server shared by the Spark engine tests (starting the server ingests the
/// real CDC file, which is the slow part). Tests run one at a time in the collection and call
/// <see cref="ResetAsync"/> first, so faults and kubelet scripts never leak between them; every
/// analysis has its own id, so their objects never collide.
/// </summary>
public sealed class SparkClusterFixture : IAsyncLifetime
{
    internal SparkCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await SparkCluster.StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>The cluster with no faults, the default kubelet, the twin driver and an empty journal.</summary>
    internal SparkCluster Reset()
    {
        var fake = Cluster.Fake;
        fake.Faults.Clear();
        fake.Kubelet.Policy = FakeKubelet.DefaultPolicy;
        fake.Kubelet.StepDelay = TimeSpan.FromMilliseconds(50);
        fake.Kubelet.DriverBehaviour = DuckDbTwinDriver.Create(fake, Cluster.SpecOfAsync);
        fake.Journal.Clear();
        return Cluster;
    }
}

[CollectionDefinition(Name)]
public sealed class SparkClusterCollection : ICollectionFixture<SparkClusterFixture>
{
    public const string Name = "spark-cluster";
}
