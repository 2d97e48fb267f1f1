using Covid.Tests.FakeKubernetes;
using Covid.Tests.Support;
using Covid.Tests.Support.Spark;
using k8s.Models;
using State = Covid.V1.Analysis.Types.State;

namespace Covid.Tests.Grpc.Spark;

[Collection(SparkClusterCollection.Name)]
public sealed class SparkEngineFailureTests(SparkClusterFixture fixture)
{
    private readonly SparkCluster cluster = fixture.Reset();

    private void DriversRun(PodScript script) =>
        cluster.Fake.Kubelet.Policy = pod => pod.Metadata.Labels?["spark-role"] == "driver" ? script : FakeKubelet.DefaultPolicy(pod);

    [Fact]
    public async Task Run_DriverExitsWithError_ExitCodeReasonAndLogTailAsFailureReason()
    {
        var ct = Timeouts.Token(60);
        var log = string.Join("\n", Enumerable.Range(1, 80).Select(i => $"log line {i:D2}"))
            + "\nERROR SparkSQLDriver: Failed in [INSERT OVERWRITE DIRECTORY ...]\norg.apache.spark.sql.AnalysisException: [PATH_NOT_FOUND] Path does not exist\n";
        DriversRun(PodScript.Fail(1, log));

        var done = await cluster.RunAsync(Specs.IssueExample(), ct);

        Assert.Equal(State.Failed, done.State);
        Assert.StartsWith($"Spark driver pod covid-{SparkCluster.Id(done)}-driver failed (Error, exit code 1)", done.FailureReason);
        Assert.Contains("[PATH_NOT_FOUND] Path does not exist", done.FailureReason);
        // Only the tail: 50 lines.
        Assert.Contains("log line 80", done.FailureReason);
        Assert.DoesNotContain("log line 20", done.FailureReason);
        Assert.Single(cluster.Fake.Journal.Calls("get", "pods/log"));
    }

    [Fact]
    public async Task Run_DriverOomKilled_FailureSaysOutOfMemory()
    {
        DriversRun(PodScript.OomKilled("java.lang.OutOfMemoryError: Java heap space"));

        var done = await cluster.RunAsync(Specs.IssueExample(), Timeouts.Token(60));

        Assert.Equal(State.Failed, done.State);
        Assert.Contains("ran out of memory (OOMKilled, exit code 137)", done.FailureReason);
        Assert.Contains("java.lang.OutOfMemoryError", done.FailureReason);
    }

    [Fact]
    public async Task Run_DriverEvicted_FailureSaysEvicted()
    {
        DriversRun(PodScript.Evicted());

        var done = await cluster.RunAsync(Specs.IssueExample(), Timeouts.Token(60));

        Assert.Equal(State.Failed, done.State);
        Assert.Contains($"covid-{SparkCluster.Id(done)}-driver was evicted (Evicted", done.FailureReason);
    }

    [Fact]
    public async Task Run_ImagePullBackOffPastTimeout_FailsAndDeletesTheStuckPod()
    {
        DriversRun(PodScript.ImagePullBackOff());

        var done = await cluster.RunAsync(Specs.IssueExample(), Timeouts.Token(60));

        Assert.Equal(State.Failed, done.State);
        Assert.Contains("ImagePullBackOff", done.FailureReason);
        Assert.Contains("could not be pulled for 00:00:01 (Kubernetes:ImagePullTimeout)", done.FailureReason);
        Assert.Null(cluster.Fake.Store.Get<V1Pod>(SparkCluster.Namespace, $"covid-{SparkCluster.Id(done)}-driver"));
    }

    [Fact]
    public async Task Run_DriverDeletedBySomeoneElse_FailsSayingSo()
    {
        var ct = Timeouts.Token(60);
        cluster.Fake.Kubelet.DriverBehaviour = SparkDriverBehaviours.RunExecutors(work: TimeSpan.FromSeconds(30));
        var submitted = await cluster.SubmitAsync(Specs.IssueExample(), ct);
        var id = SparkCluster.Id(submitted);
        await cluster.WaitDriverRunningAsync(id, ct);

        cluster.Fake.Store.Delete<V1Pod>(SparkCluster.Namespace, $"covid-{id}-driver", "Background");
        var done = await cluster.WaitFinishedAsync(submitted.Name, ct);

        Assert.Equal(State.Failed, done.State);
        Assert.Contains($"driver pod covid-{id}-driver no longer exists", done.FailureReason);
    }
}
