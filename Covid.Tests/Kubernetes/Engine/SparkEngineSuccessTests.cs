using Covid.Tests.Server;
using Covid.V1;
using Stage = Covid.V1.ProgressEvent.Types.Stage;
using State = Covid.V1.Analysis.Types.State;

namespace Covid.Tests.Kubernetes.Engine;

public sealed class SparkEngineSuccessTests
{
    [Fact]
    public async Task Submit_SparkOnRealCdcFile_SameResultAsEmbeddedAndProgressFromTheCluster()
    {
        var ct = ServerSpecs.Timeout(40);
        await using var cluster = await SparkCluster.StartAsync();
        // Slow enough kubelet steps that a Pending driver is seen, as it is in a real cluster.
        cluster.Fake.Kubelet.StepDelay = TimeSpan.FromMilliseconds(250);

        var submitted = await cluster.SubmitAsync(ServerSpecs.Example(), ct);
        var done = await cluster.WaitFinishedAsync(submitted.Name, ct);

        Assert.True(done.State == State.Succeeded, done.FailureReason);
        Assert.Equal(AnalysisSpec.Types.Engine.Spark, done.Engine);
        var spark = await cluster.Analyses.GetResultAsync(new GetResultRequest { Name = done.Name }, cancellationToken: ct);
        var embeddedSpec = ServerSpecs.Example();
        var embedded = await cluster.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = embeddedSpec }, cancellationToken: ct);
        await cluster.WaitFinishedAsync(embedded.Name, ct);
        var expected = await cluster.Analyses.GetResultAsync(new GetResultRequest { Name = embedded.Name }, cancellationToken: ct);
        Assert.True(expected.RowCount > 10);
        spark.Analysis = expected.Analysis;
        Assert.Equal(expected, spark);
        Assert.True(done.HasPlot);

        var events = await ServerCalls.StreamAsync(cluster.Analyses, done.Name, ct);
        var trace = string.Join("\n", events.Select(e => $"{e.Stage} {e.PodPhase}/{e.PodReason} {e.Message}"));
        Assert.True(events.Any(e => e.Stage == Stage.LaunchingDriver && e.PodReason == "ContainerCreating"), trace);
        Assert.True(events.Any(e => e.Stage == Stage.RunningSpark && e.ExecutorsRunning == 2), trace);
        Assert.True(events.Any(e => e.Stage == Stage.RunningSpark && e.TasksTotal == 4 && e.TasksCompleted == 4), trace);
        Assert.Equal(Stage.Finished, events[^1].Stage);
    }

    [Fact]
    public async Task Submit_Spark_DriverConfigMapAndServiceCreatedOnceAndOwnedByTheDriver()
    {
        var ct = ServerSpecs.Timeout(40);
        await using var cluster = await SparkCluster.StartAsync();

        var done = await cluster.WaitFinishedAsync((await cluster.SubmitAsync(ServerSpecs.Example(), ct)).Name, ct);

        Assert.Equal(State.Succeeded, done.State);
        var id = SparkCluster.Id(done);
        Assert.Single(cluster.Fake.Journal.Calls("create", "pods"));
        Assert.Single(cluster.Fake.Journal.Calls("create", "configmaps"));
        Assert.Single(cluster.Fake.Journal.Calls("create", "services"));
        var driver = Assert.Single(cluster.Pods("spark-role=driver"));
        Assert.Equal($"covid-{id}-driver", driver.Metadata.Name);
        Assert.Equal("Succeeded", driver.Status.Phase);
        // Executors were created by the driver and are gone (deleteOnTermination).
        Assert.Empty(cluster.Pods("spark-role=executor"));
        var map = Assert.Single(cluster.ConfigMaps());
        var service = Assert.Single(cluster.Services());
        Assert.Equal(driver.Metadata.Uid, Assert.Single(map.Metadata.OwnerReferences).Uid);
        Assert.Equal(driver.Metadata.Uid, Assert.Single(service.Metadata.OwnerReferences).Uid);
        Assert.Contains($"spark.kubernetes.namespace={SparkCluster.Namespace}", map.Data["spark.properties"]);
        // The result is where the server reads it: under the shared volume, committed.
        Assert.True(File.Exists(Path.Combine(cluster.Volume, "data", "analyses", id, "spark-result", "_SUCCESS")));
    }
}
