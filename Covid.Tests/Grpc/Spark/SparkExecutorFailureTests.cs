using Covid.Tests.Support.Spark;
using Covid.Tests.FakeKubernetes;
using Covid.Tests.Support;
using State = Covid.V1.Analysis.Types.State;

namespace Covid.Tests.Grpc.Spark;

/// <summary>An executor dies and Spark deletes its pod: its last log lines are kept in the failure reason all the same.</summary>
[Collection(SparkClusterCollection.Name)]
public sealed class SparkExecutorFailureTests(SparkClusterFixture fixture)
{
    private readonly SparkCluster cluster = fixture.Reset();

    [Fact]
    public async Task Run_ExecutorOomKilledThenDeletedBySpark_ItsLogTailInTheFailureReason()
    {
        var ct = Timeouts.Token(60);
        var heap = string.Join("\n", Enumerable.Range(1, 40).Select(i => $"executor line {i:D2}"))
            + "\njava.lang.OutOfMemoryError: Java heap space\n\tat org.apache.spark.sql.execution.aggregate.HashAggregateExec.doExecute\n";
        cluster.Fake.Kubelet.Policy = pod => pod.Metadata.Labels?["spark-role"] == "executor"
            ? PodScript.OomKilled(heap, runFor: TimeSpan.FromMilliseconds(200))
            : FakeKubelet.DefaultPolicy(pod);
        cluster.Fake.Kubelet.DriverBehaviour = SparkDriverFailures.ExecutorsDie(executors: 2);

        var done = await cluster.WaitFinishedAsync((await cluster.SubmitAsync(Specs.IssueExample(), ct)).Name, ct);

        var id = SparkCluster.Id(done);
        Assert.Equal(State.Failed, done.State);
        Assert.StartsWith($"Spark driver pod covid-{id}-driver failed (Error, exit code 1)", done.FailureReason);
        Assert.Contains("--- last lines of the driver log ---", done.FailureReason);
        Assert.Contains("ExecutorLostFailure", done.FailureReason);
        Assert.Contains($"--- executor pod covid-{id}-exec-1 failed (OOMKilled, exit code 137); last lines of its log ---", done.FailureReason);
        Assert.Contains("java.lang.OutOfMemoryError: Java heap space", done.FailureReason);
        Assert.DoesNotContain("executor line 10", done.FailureReason); // a tail, not the whole log
        // Read while the pod still existed: Spark deleted it afterwards.
        var journal = cluster.Fake.Journal.Entries.ToList();
        var read = journal.FindIndex(e => !e.FromDriver && e.Resource == "pods/log" && e.Name == $"covid-{id}-exec-1");
        var deletedBySpark = journal.FindIndex(e => e.FromDriver && e.Verb == "delete" && e.Name == $"covid-{id}-exec-1");
        Assert.InRange(read, 0, deletedBySpark - 1);
        Assert.Equal(200, journal[read].StatusCode);
    }
}
