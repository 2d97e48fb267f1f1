using Covid.Tests.Support.Spark;

namespace Covid.Tests.Grpc.Spark;

/// <summary>
/// A server and fake cluster whose bounds are short (Kubernetes:ScheduleTimeout 2 s, Spark:RunTimeout
/// 6 s), for runs that would otherwise wait forever. Its data is the synthetic sample: these runs
/// never get as far as reading it.
/// </summary>
public sealed class StuckClusterFixture : IAsyncLifetime
{
    public const string ScheduleTimeout = "00:00:02";
    public const string RunTimeout = "00:00:06";

    internal SparkCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await SparkCluster.StartAsync(new Dictionary<string, string>
    {
        ["Kubernetes:ScheduleTimeout"] = ScheduleTimeout,
        ["Spark:RunTimeout"] = RunTimeout,
    }, seed: "");

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class StuckClusterCollection : ICollectionFixture<StuckClusterFixture>
{
    public const string Name = "spark-stuck-cluster";
}
