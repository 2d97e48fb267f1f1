using Covid.Tests.Support.Spark;
using Covid.Tests.Support;
using State = Covid.V1.Analysis.Types.State;

namespace Covid.Tests.Grpc.Spark;

/// <summary>
/// A result the driver committed that the server cannot see yet, as on an NFS volume whose client
/// still caches "does not exist": the server keeps checking for Spark:ResultVisibilityTimeout (3 s
/// in the fixture) instead of failing a good run, and fails clearly when it never appears.
/// </summary>
[Collection(SparkClusterCollection.Name)]
public sealed class SparkResultVisibilityTests(SparkClusterFixture fixture)
{
    private readonly SparkCluster cluster = fixture.Reset();

    [Fact]
    public async Task Run_ResultVisibleASecondAfterTheDriverEnds_Succeeds()
    {
        var ct = Timeouts.Token(60);
        cluster.Fake.Kubelet.DriverBehaviour = DuckDbTwinDriver.Create(cluster.Fake, cluster.SpecOfAsync, visibleAfter: TimeSpan.FromSeconds(1));

        var submitted = await cluster.SubmitAsync(Specs.IssueExample(), ct);
        var done = await cluster.WaitFinishedAsync(submitted.Name, ct);

        Assert.True(done.State == State.Succeeded, done.FailureReason);
        Assert.True(done.ResultRowCount > 10);
        var events = await ServerCalls.StreamAsync(cluster.Analyses, submitted.Name, ct);
        Assert.Contains(events, e => e.Message.Contains("waiting up to 00:00:03 (Spark:ResultVisibilityTimeout) for its result to be visible"));
    }

    [Fact]
    public async Task Run_ResultNeverVisible_FailsAfterTheTimeoutNamingIt()
    {
        var ct = Timeouts.Token(60);
        cluster.Fake.Kubelet.DriverBehaviour = DuckDbTwinDriver.Create(cluster.Fake, cluster.SpecOfAsync, visibleAfter: Timeout.InfiniteTimeSpan);

        var done = await cluster.WaitFinishedAsync((await cluster.SubmitAsync(Specs.IssueExample(), ct)).Name, ct);

        var id = SparkCluster.Id(done);
        Assert.Equal(State.Failed, done.State);
        Assert.StartsWith($"Spark driver pod covid-{id}-driver succeeded, but its committed result (analyses/{id}/spark-result/_SUCCESS) " +
            "was not visible to the server within 00:00:03 (Spark:ResultVisibilityTimeout)", done.FailureReason);
    }
}
