using Covid.Server.Hosting;
using Covid.Server.Jobs;
using Covid.Server.Kubernetes;
using Covid.Server.Spark;
using Covid.Server.Storage;
using Covid.SparkJob.Engine;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Spark;
using Covid.SparkJob.Sql;
using Covid.Tests.Support;
using Covid.Tests.Support.Kubernetes;
using Covid.Tests.Support.Spark;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Covid.Tests.Grpc.Spark;

/// <summary>
/// A restarted server whose analysis' driver finished and was swept while it was down: the
/// committed result on the volume is read, and nothing is launched again.
/// </summary>
public sealed class SparkEngineRecoveryTests : IDisposable
{
    private readonly TempDirectory volume = new();

    public void Dispose() => volume.Dispose();

    [Fact]
    public async Task RunAsync_NoDriverButCommittedResult_ReadsItWithoutLaunching()
    {
        await using var cluster = await FakeCluster.StartAsync(new()
        {
            Kubernetes = o =>
            {
                o.Enabled = true;
                o.Namespace = "covid-test";
                o.MountPath = volume.Path;
            },
        });
        var parquet = Path.Combine(volume.Path, "data", "datasets", "cdc", "data.parquet");
        var plan = AnalysisPlanner.Plan(Specs.IssueExample(), new TestDatasets(TestDatasets.Info(parquet)));
        var kubernetes = Options.Create(cluster.Options);
        var spark = Options.Create(new SparkOptions());
        var factory = new SparkObjectsFactory(kubernetes, spark, new DataLayout(Options.Create(new DataOptions { Directory = Path.Combine(volume.Path, "data") })));
        var expected = new Covid.SparkJob.Results.ResultTable(plan.Columns,
        [
            [new DateOnly(2020, 3, 30), "NY", 50L, 2L, 7L, 0.04],
            [new DateOnly(2020, 3, 23), "CA", 10L, null, 7L, null],
        ]);
        SparkOutputWriter.Write(factory.ResultDirectory("abc123"), expected);
        var (client, api) = (cluster.Client, cluster.Api);
        using var http = new HttpClient();
        var engine = new SparkOnKubernetesEngine(factory,
            new SparkLauncher(client, api, NullLogger<SparkLauncher>.Instance),
            new DriverFollower(client, api, new SparkMonitor(http, NullLogger<SparkMonitor>.Instance), kubernetes, spark, TimeProvider.System, NullLogger<DriverFollower>.Instance),
            new DriverRemover(client, api, NullLogger<DriverRemover>.Instance),
            new DriverLog(client, api, NullLogger<DriverLog>.Instance),
            NullLogger<SparkOnKubernetesEngine>.Instance);

        var table = await engine.RunAsync(new AnalysisJob("abc123", () => false), plan, new Progress<EngineProgress>(), CancellationToken.None);

        Assert.Equal(expected.Rows, table.Rows);
        Assert.Empty(cluster.Fake.Journal.Calls("create", "pods"));
        Assert.Single(cluster.Fake.Journal.Calls("list", "pods"));
    }
}
