using Covid.Tests.Support;
using Covid.Tests.Support.Spark;
using k8s.Models;
using State = Covid.V1.Analysis.Types.State;

namespace Covid.Tests.Grpc.Spark;

[Collection(SparkClusterCollection.Name)]
public sealed class SparkEngineApiErrorTests(SparkClusterFixture fixture)
{
    private readonly SparkCluster cluster = fixture.Reset();

    [Fact]
    public async Task Run_CreatePodsForbidden_FailsNamingVerbAndResourceWithoutRetrying()
    {
        var ct = Timeouts.Token(60);
        cluster.Fake.Faults.Add("create", "pods", 403);

        var done = await cluster.RunAsync(Specs.IssueExample(), ct);

        Assert.Equal(State.Failed, done.State);
        Assert.Contains("Kubernetes refused to create pods (403 Forbidden)", done.FailureReason);
        Assert.Contains("cannot create resource \"pods\"", done.FailureReason);
        Assert.Contains("RBAC verb \"create\" on \"pods\"", done.FailureReason);
        Assert.Single(cluster.Fake.Journal.Calls("create", "pods"));
        Assert.Empty(cluster.Pods($"covid-analysis/analysis-id={SparkCluster.Id(done)}"));
    }

    [Fact]
    public async Task Run_CreateConfigMapsForbidden_FailsNamingConfigMaps()
    {
        var ct = Timeouts.Token(60);
        cluster.Fake.Faults.Add("create", "configmaps", 403);

        var done = await cluster.RunAsync(Specs.IssueExample(), ct);

        Assert.Equal(State.Failed, done.State);
        Assert.Contains("refused to create configmaps (403 Forbidden)", done.FailureReason);
        // The pod was created first; without its ConfigMap it would wait forever, so it is taken back.
        Assert.Null(cluster.Fake.Store.Get<V1Pod>(SparkCluster.Namespace, $"covid-{SparkCluster.Id(done)}-driver"));
    }

    [Fact]
    public async Task Run_ServerErrorsOnCreateThenSuccess_RetriedAndOneDriver()
    {
        var ct = Timeouts.Token(60);
        cluster.Fake.Faults.Add("create", "pods", 500, times: 2);
        cluster.Fake.Faults.Add("create", "services", 503, times: 1);

        var done = await cluster.RunAsync(Specs.IssueExample(), ct);

        Assert.True(done.State == State.Succeeded, done.FailureReason);
        Assert.Equal([500, 500, 201], cluster.Fake.Journal.Calls("create", "pods").Select(c => c.StatusCode));
        Assert.Equal([503, 201], cluster.Fake.Journal.Calls("create", "services").Select(c => c.StatusCode));
        Assert.Single(cluster.Pods($"covid-analysis/analysis-id={SparkCluster.Id(done)},spark-role=driver"));
    }

    [Fact]
    public async Task Run_ServerErrorsBeyondRetries_FailsSayingHowOften()
    {
        var ct = Timeouts.Token(60);
        cluster.Fake.Faults.Add("create", "pods", 500);

        var done = await cluster.RunAsync(Specs.IssueExample(), ct);

        Assert.Equal(State.Failed, done.State);
        Assert.Contains("Kubernetes create pods failed after 5 attempts: 500", done.FailureReason);
        Assert.Equal(5, cluster.Fake.Journal.Calls("create", "pods").Count);
    }

    [Fact]
    public async Task Run_WatchDroppedWhileRunning_ResumesFromLastVersionWithoutRelisting()
    {
        var ct = Timeouts.Token(60);
        var gate = cluster.GateDriver();
        var submitted = await cluster.SubmitAsync(Specs.IssueExample(), ct);
        var id = SparkCluster.Id(submitted);
        await cluster.WaitDriverRunningAsync(id, ct);
        await WaitWatchingAsync(id, ct);

        cluster.Fake.DropWatches(abort: true);
        gate.SetResult();
        var done = await cluster.WaitFinishedAsync(submitted.Name, ct);

        Assert.True(done.State == State.Succeeded, done.FailureReason);
        var selector = $"spark-app-selector=spark-{id}";
        var watches = cluster.Fake.Journal.Calls("watch", "pods").Where(w => w.QueryValue("labelSelector") == selector).ToList();
        Assert.True(watches.Count >= 2);
        Assert.All(watches, w => Assert.False(string.IsNullOrEmpty(w.QueryValue("resourceVersion"))));
        Assert.Single(cluster.Fake.Journal.Calls("list", "pods"), l => l.QueryValue("labelSelector") == selector);
    }

    [Fact]
    public async Task Run_WatchExpired410_ListsAgainAndFinishes()
    {
        var ct = Timeouts.Token(60);
        var gate = cluster.GateDriver();
        var submitted = await cluster.SubmitAsync(Specs.IssueExample(), ct);
        var id = SparkCluster.Id(submitted);
        await cluster.WaitDriverRunningAsync(id, ct);
        await WaitWatchingAsync(id, ct);

        cluster.Fake.CompactHistory();
        cluster.Fake.DropWatches();
        gate.SetResult();
        var done = await cluster.WaitFinishedAsync(submitted.Name, ct);

        Assert.True(done.State == State.Succeeded, done.FailureReason);
        var selector = $"spark-app-selector=spark-{id}";
        // The first list, then at least one after the 410 (a dropped watch alone never re-lists: see the test above).
        var lists = cluster.Fake.Journal.Calls("list", "pods").Where(l => l.QueryValue("labelSelector") == selector).ToList();
        Assert.True(lists.Count >= 2, $"{lists.Count} list(s) of {selector}");
    }

    private async Task WaitWatchingAsync(string id, CancellationToken ct)
    {
        while (!cluster.Fake.Journal.Calls("watch", "pods").Any(w => w.QueryValue("labelSelector") == $"spark-app-selector=spark-{id}"))
        {
            await Task.Delay(20, ct);
        }
    }
}
