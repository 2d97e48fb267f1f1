using Covid.Tests.Support.Spark;
using Covid.Tests.FakeKubernetes;
using Covid.Tests.Support;
using Covid.V1;
using State = Covid.V1.Analysis.Types.State;

namespace Covid.Tests.Grpc.Spark;

/// <summary>
/// Cancel when the garbage collector is slow: Spark's executors do not block their driver's
/// foreground deletion, so they outlive it; CANCELLED must still mean no pod of the run is left.
/// </summary>
[Collection(SparkClusterCollection.Name)]
public sealed class SparkCancelStragglerTests(SparkClusterFixture fixture)
{
    private readonly SparkCluster cluster = fixture.Reset();

    [Fact]
    public async Task Cancel_ExecutorsOutliveTheirDriver_DeletedAndWaitedForBeforeCancelled()
    {
        var ct = Timeouts.Token(60);
        cluster.Fake.Kubelet.DriverBehaviour = SparkDriverBehaviours.RunExecutors(work: TimeSpan.FromSeconds(60));
        // The collector would get to the executors only after a minute; they take a moment to stop.
        cluster.Fake.Options.DependentsLag = TimeSpan.FromMinutes(1);
        cluster.Fake.Options.PodTerminationGraceOf = pod => pod.Metadata.Labels?["spark-role"] == "executor" ? TimeSpan.FromMilliseconds(500) : TimeSpan.Zero;
        var submitted = await cluster.SubmitAsync(Specs.IssueExample(), ct);
        var id = SparkCluster.Id(submitted);
        await cluster.WaitAsync(submitted.Name, a => a.Progress?.ExecutorsRunning == 2, ct);

        await cluster.Analyses.CancelAnalysisAsync(new CancelAnalysisRequest { Name = submitted.Name }, cancellationToken: ct);
        var done = await cluster.WaitFinishedAsync(submitted.Name, ct);
        var left = cluster.Pods($"spark-app-selector=spark-{id}");

        Assert.Equal(State.Cancelled, done.State);
        Assert.Empty(left);
        var deleted = cluster.Fake.Journal.Calls("delete", "pods").Select(d => d.Name).ToList();
        Assert.Contains($"covid-{id}-driver", deleted);
        Assert.Contains($"covid-{id}-exec-1", deleted);
        Assert.Contains($"covid-{id}-exec-2", deleted);
        var events = await ServerCalls.StreamAsync(cluster.Analyses, submitted.Name, ct);
        Assert.Contains(events, e => e.Message.StartsWith("cancelling: waiting for pod(s) ") && e.Message.Contains($"covid-{id}-exec-1"));
    }
}
