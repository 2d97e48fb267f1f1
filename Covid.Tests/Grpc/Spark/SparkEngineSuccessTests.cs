using Covid.Tests.Support;
using Covid.Tests.Support.Spark;
using Covid.V1;
using Stage = Covid.V1.ProgressEvent.Types.Stage;
using State = Covid.V1.Analysis.Types.State;

namespace Covid.Tests.Grpc.Spark;

[Collection(SparkClusterCollection.Name)]
public sealed class SparkEngineSuccessTests(SparkClusterFixture fixture)
{
    private readonly SparkCluster cluster = fixture.Reset();

    [Fact]
    public async Task Submit_SparkOnRealCdcFile_SameResultAsEmbeddedAndProgressFromTheCluster()
    {
        var ct = Timeouts.Token(30);
        // Slow enough kubelet steps that a Pending driver is seen, as it is in a real cluster.
        cluster.Fake.Kubelet.StepDelay = TimeSpan.FromMilliseconds(250);

        var submitted = await cluster.SubmitAsync(Specs.IssueExample(), ct);
        var done = await cluster.WaitFinishedAsync(submitted.Name, ct);

        Assert.True(done.State == State.Succeeded, done.FailureReason);
        Assert.Equal(AnalysisSpec.Types.Engine.Spark, done.Engine);
        var spark = await cluster.Analyses.GetResultAsync(new GetResultRequest { Name = done.Name }, cancellationToken: ct);
        var embedded = await cluster.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample() }, cancellationToken: ct);
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
        // Task counts are polled from the driver's REST API, which ends with the driver (as in real
        // Spark), so the last poll may see 3/4: assert counts were seen and never went backwards.
        var taskCounts = events.Where(e => e.Stage == Stage.RunningSpark && e.TasksTotal == 4).Select(e => e.TasksCompleted).ToList();
        Assert.True(taskCounts.Any(c => c > 0), trace);
        Assert.Equal(taskCounts.Order(), taskCounts);
        Assert.Equal(Stage.Finished, events[^1].Stage);
    }

    [Fact]
    public async Task Submit_Spark_DriverConfigMapAndServiceCreatedOnceAndOwnedByTheDriver()
    {
        var ct = Timeouts.Token(30);

        var done = await cluster.RunAsync(Specs.IssueExample(), ct);

        Assert.True(done.State == State.Succeeded, done.FailureReason);
        var id = SparkCluster.Id(done);
        Assert.Single(cluster.Fake.Journal.Calls("create", "pods"));
        Assert.Single(cluster.Fake.Journal.Calls("create", "configmaps"));
        Assert.Single(cluster.Fake.Journal.Calls("create", "services"));
        var driver = cluster.Fake.Store.Get<k8s.Models.V1Pod>(SparkCluster.Namespace, $"covid-{id}-driver")!;
        Assert.Equal("Succeeded", driver.Status.Phase);
        // Executors were created by the driver and are gone (deleteOnTermination).
        Assert.Empty(cluster.Pods($"spark-role=executor,spark-app-selector=spark-{id}"));
        var map = cluster.Fake.Store.Get<k8s.Models.V1ConfigMap>(SparkCluster.Namespace, $"covid-{id}-conf")!;
        var service = cluster.Fake.Store.Get<k8s.Models.V1Service>(SparkCluster.Namespace, $"covid-{id}-driver-svc")!;
        Assert.Equal(driver.Metadata.Uid, Assert.Single(map.Metadata.OwnerReferences).Uid);
        Assert.Equal(driver.Metadata.Uid, Assert.Single(service.Metadata.OwnerReferences).Uid);
        Assert.Contains($"spark.kubernetes.namespace={SparkCluster.Namespace}", map.Data["spark.properties"]);
        // The result is where the server reads it: under the shared volume, committed.
        Assert.True(File.Exists(Path.Combine(cluster.Volume, "data", "analyses", id, "spark-result", "_SUCCESS")));
    }

    [Fact]
    public async Task Submit_AutoAboveSparkThreshold_RunsOnSpark()
    {
        var ct = Timeouts.Token(30);
        var spec = Specs.IssueExample();
        spec.Engine = AnalysisSpec.Types.Engine.Auto;

        var submitted = await cluster.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = spec }, cancellationToken: ct);
        var done = await cluster.WaitFinishedAsync(submitted.Name, ct);

        Assert.Equal(AnalysisSpec.Types.Engine.Spark, submitted.Engine);
        Assert.True(done.State == State.Succeeded, done.FailureReason);
        Assert.Single(cluster.Fake.Journal.Calls("create", "pods"));
    }
}
