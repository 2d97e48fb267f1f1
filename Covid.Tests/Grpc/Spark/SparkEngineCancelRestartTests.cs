using Covid.Tests.FakeKubernetes;
using Covid.Tests.Support;
using Covid.Tests.Support.Spark;
using Covid.V1;
using k8s.Models;
using State = Covid.V1.Analysis.Types.State;

namespace Covid.Tests.Grpc.Spark;

[Collection(SparkClusterCollection.Name)]
public sealed class SparkEngineCancelRestartTests(SparkClusterFixture fixture)
{
    private readonly SparkCluster cluster = fixture.Reset();

    [Fact]
    public async Task Cancel_RunningSpark_CancelledOnlyOnceNoPodConfigMapOrServiceIsLeft()
    {
        var ct = Timeouts.Token(60);
        cluster.Fake.Kubelet.DriverBehaviour = SparkDriverBehaviours.RunExecutors(work: TimeSpan.FromSeconds(60));
        var submitted = await cluster.SubmitAsync(Specs.IssueExample(), ct);
        var id = SparkCluster.Id(submitted);
        var selector = $"spark-app-selector=spark-{id}";
        await cluster.WaitAsync(submitted.Name, a => a.Progress?.ExecutorsRunning == 2, ct);

        var answer = await cluster.Analyses.CancelAnalysisAsync(new CancelAnalysisRequest { Name = submitted.Name }, cancellationToken: ct);
        var done = await cluster.WaitFinishedAsync(submitted.Name, ct);

        Assert.Equal(State.Running, answer.State);
        Assert.Equal(State.Cancelled, done.State);
        // CANCELLED is recorded only after the driver is gone; foreground deletion took its executors first.
        Assert.Empty(cluster.Pods(selector));
        Assert.DoesNotContain(cluster.ConfigMaps(), m => m.Metadata.Name == $"covid-{id}-conf");
        Assert.DoesNotContain(cluster.Services(), s => s.Metadata.Name == $"covid-{id}-driver-svc");
        var delete = Assert.Single(cluster.Fake.Journal.Calls("delete", "pods"), d => d.Name == $"covid-{id}-driver");
        Assert.Contains("Foreground", delete.Body ?? delete.Query);
    }

    [Fact]
    public async Task Restart_WhileSparkRuns_ReattachesToTheDriverWithoutLaunchingAgain()
    {
        var ct = Timeouts.Token(40);
        var gate = cluster.GateDriver();
        var submitted = await cluster.SubmitAsync(Specs.IssueExample(), ct);
        var id = SparkCluster.Id(submitted);
        var driver = await cluster.WaitDriverRunningAsync(id, ct);
        await cluster.WaitAsync(submitted.Name, a => a.Progress?.Stage == ProgressEvent.Types.Stage.RunningSpark, ct);

        await cluster.RestartAsync();
        // The stopped server left the driver running: a shutdown is not a cancel.
        Assert.Equal(driver.Metadata.Uid, cluster.Fake.Store.Get<V1Pod>(SparkCluster.Namespace, $"covid-{id}-driver")?.Metadata.Uid);
        gate.SetResult();
        var done = await cluster.WaitFinishedAsync(submitted.Name, ct);

        Assert.True(done.State == State.Succeeded, done.FailureReason);
        Assert.Single(cluster.Fake.Journal.Calls("create", "pods"), c => c.Name == $"covid-{id}-driver");
        var events = await ServerCalls.StreamAsync(cluster.Analyses, submitted.Name, ct);
        Assert.Contains(events, e => e.Message.Contains("re-attaches to its driver pod"));
        Assert.Contains(events, e => e.Message == $"re-attached to driver pod covid-{id}-driver");
        var result = await cluster.Analyses.GetResultAsync(new GetResultRequest { Name = submitted.Name }, cancellationToken: ct);
        Assert.True(result.RowCount > 10);
    }
}
