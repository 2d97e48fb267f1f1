using Covid.Server.Hosting;
using Covid.Server.Jobs;
using Covid.Server.Kubernetes;
using Covid.Server.Spark;
using Covid.Server.Storage;
using Covid.SparkJob.Engine;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Spark;
using Covid.SparkJob.Sql;
using Covid.Tests.Kubernetes.Fake;
using Covid.Tests.SparkJob;
using Covid.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Covid.Tests.Kubernetes.Engine;

/// <summary>
/// A restarted server whose analysis' driver finished and was swept while it was down: the
/// committed result on the volume is read, and nothing is launched again.
/// </summary>
public sealed class SparkEngineRecoveryTests : IAsyncLifetime
{
    private readonly TempDirectory volume = new();
    private FakeKubeApiServer fake = null!;

    public async Task InitializeAsync() => fake = await FakeKubeApiServer.StartAsync();

    public async Task DisposeAsync()
    {
        await fake.DisposeAsync();
        volume.Dispose();
    }

    [Fact]
    public async Task RunAsync_NoDriverButCommittedResult_ReadsItWithoutLaunching()
    {
        var parquet = Path.Combine(volume.Path, "data", "datasets", "cdc", "data.parquet");
        var plan = AnalysisPlanner.Plan(Specs.IssueExample(), new TestDatasets(TestDatasets.Info(parquet)));
        using var services = SparkServices.Create(fake.CreateClient(), new Dictionary<string, string?>
        {
            ["Kubernetes:Namespace"] = "covid-test",
            ["Kubernetes:MountPath"] = volume.Path,
            ["Data:Directory"] = Path.Combine(volume.Path, "data"),
        });
        var factory = services.GetRequiredService<SparkObjectsFactory>();
        var expected = new Covid.SparkJob.Results.ResultTable(plan.Columns,
        [
            [new DateOnly(2020, 3, 30), "NY", 50L, 2L, 7L, 0.04],
            [new DateOnly(2020, 3, 23), "CA", 10L, null, 7L, null],
        ]);
        SparkOutputWriter.Write(factory.ResultDirectory("abc123"), expected);
        var engine = services.GetRequiredService<SparkOnKubernetesEngine>();

        var table = await engine.RunAsync(new AnalysisJob("abc123", () => false), plan, new Progress<EngineProgress>(), CancellationToken.None);

        Assert.Equal(expected.Rows, table.Rows);
        Assert.Empty(fake.Journal.Calls("create", "pods"));
        Assert.Single(fake.Journal.Calls("list", "pods"));
    }
}
