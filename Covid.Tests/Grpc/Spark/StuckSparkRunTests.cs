using Covid.Tests.Support.Spark;
using Covid.Tests.FakeKubernetes;
using Covid.Tests.Support;
using Covid.V1;
using k8s.Models;
using Stage = Covid.V1.ProgressEvent.Types.Stage;
using State = Covid.V1.Analysis.Types.State;

namespace Covid.Tests.Grpc.Spark;

/// <summary>
/// Runs that would hang on a real cluster: pods no node fits, a volume that does not mount,
/// executors a quota refuses, a run that never ends. Each ends FAILED within its bound, says why in
/// Kubernetes' own words, told the user what it waited for while it waited, and leaves no pod behind.
/// </summary>
[Collection(StuckClusterCollection.Name)]
public sealed class StuckSparkRunTests(StuckClusterFixture fixture)
{
    private const string GaveUp = $"the Spark run gave up after {StuckClusterFixture.ScheduleTimeout} (Kubernetes:ScheduleTimeout): ";
    private readonly SparkCluster cluster = fixture.Cluster.Reset();

    private void Script(string role, PodScript script) =>
        cluster.Fake.Kubelet.Policy = pod => pod.Metadata.Labels?["spark-role"] == role ? script : FakeKubelet.DefaultPolicy(pod);

    private async Task<(Analysis Done, List<ProgressEvent> Events)> RunAsync(CancellationToken ct)
    {
        var submitted = await cluster.SubmitAsync(Specs.IssueExample(), ct);
        var done = await cluster.WaitFinishedAsync(submitted.Name, ct);
        return (done, await ServerCalls.StreamAsync(cluster.Analyses, submitted.Name, ct));
    }

    private void AssertNoPodLeft(Analysis done) => Assert.Empty(cluster.Pods($"spark-app-selector=spark-{SparkCluster.Id(done)}"));

    [Fact]
    public async Task Run_DriverNoNodeFits_FailsAfterScheduleTimeoutWithTheSchedulersMessage()
    {
        var ct = Timeouts.Token(60);
        const string scheduler = "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.";
        Script("driver", PodScript.Unschedulable(scheduler));

        var (done, events) = await RunAsync(ct);

        Assert.Equal(State.Failed, done.State);
        Assert.Equal(GaveUp + $"driver pod covid-{SparkCluster.Id(done)}-driver cannot be scheduled: {scheduler}", done.FailureReason);
        var waiting = Assert.Single(events, e => e.Stage == Stage.LaunchingDriver && e.PodReason == "Unschedulable");
        Assert.Contains($"cannot be scheduled: {scheduler} (gives up after {StuckClusterFixture.ScheduleTimeout}, Kubernetes:ScheduleTimeout)", waiting.Message);
        Assert.Equal("Pending", waiting.PodPhase);
        AssertNoPodLeft(done);
    }

    [Fact]
    public async Task Run_DriverVolumeDoesNotMount_FailsWithTheKubeletsFailedMountEvent()
    {
        var ct = Timeouts.Token(60);
        const string kubelet = "MountVolume.SetUp failed for volume \"data\" : mount failed: exit status 32 mount.nfs: access denied by server while mounting nfs.example:/covid";
        Script("driver", PodScript.MountFails(kubelet));

        var (done, events) = await RunAsync(ct);

        Assert.Equal(State.Failed, done.State);
        Assert.Equal(GaveUp + $"driver pod covid-{SparkCluster.Id(done)}-driver cannot start: FailedMount: {kubelet}", done.FailureReason);
        Assert.Contains(events, e => e.PodReason == "FailedMount" && e.Message.Contains("cannot start: FailedMount: MountVolume.SetUp failed"));
        Assert.NotEmpty(cluster.Fake.Journal.Calls("list", "events"));
        AssertNoPodLeft(done);
    }

    [Fact]
    public async Task Run_ExecutorsNoNodeFits_FailsNamingTheExecutorWithTheDriverLog()
    {
        var ct = Timeouts.Token(60);
        const string scheduler = "0/1 nodes are available: 1 Insufficient memory.";
        Script("executor", PodScript.Unschedulable(scheduler));

        var (done, events) = await RunAsync(ct);

        var id = SparkCluster.Id(done);
        Assert.Equal(State.Failed, done.State);
        Assert.StartsWith(GaveUp + $"no executor runs yet: executor pod covid-{id}-exec-1 cannot be scheduled: {scheduler} — 1 more executor pod(s) wait too", done.FailureReason);
        Assert.Contains("--- last lines of the driver log ---\nINFO SparkContext: Running Spark version 3.5.3", done.FailureReason);
        Assert.Contains(events, e => e.Stage == Stage.RunningSpark && e.PodReason == "Unschedulable" && e.Message.StartsWith("Spark running, no executor runs yet: executor pod"));
        AssertNoPodLeft(done);
    }

    [Fact]
    public async Task Run_QuotaRefusesEveryExecutor_FailsWithTheRefusalFromTheDriverLog()
    {
        var ct = Timeouts.Token(60);
        // Room for the driver's 1 CPU limit only: Spark's executors are refused, and it retries every second.
        cluster.Fake.Store.AddQuota(new FakeResourceQuota("compute", SparkCluster.Namespace, "1"));

        var (done, events) = await RunAsync(ct);

        Assert.Equal(State.Failed, done.State);
        Assert.StartsWith(GaveUp + "no executor runs yet: the driver has not created any executor pod " +
            "(a ResourceQuota or an admission policy may be refusing them; the driver log below says why)", done.FailureReason);
        Assert.Contains("is forbidden: exceeded quota: compute, requested: limits.cpu=1, used: limits.cpu=1, limited: limits.cpu=1", done.FailureReason);
        Assert.Contains(events, e => e.PodReason == "NoExecutorPods");
        Assert.Contains(cluster.Fake.Journal.Entries, e => e.FromDriver && e.Verb == "create" && e.Resource == "pods" && e.StatusCode == 403);
        AssertNoPodLeft(done);
    }

    [Fact]
    public async Task Run_LongerThanRunTimeout_StoppedWithItsLogAndFailed()
    {
        var ct = Timeouts.Token(60);
        cluster.Fake.Kubelet.DriverBehaviour = SparkDriverBehaviours.RunExecutors(work: TimeSpan.FromMinutes(5));

        var (done, events) = await RunAsync(ct);

        Assert.Equal(State.Failed, done.State);
        Assert.StartsWith($"the Spark run gave up after {StuckClusterFixture.RunTimeout} (Spark:RunTimeout): the driver was still Running", done.FailureReason);
        Assert.Contains("SchedulerBackend is ready for scheduling", done.FailureReason);
        Assert.Contains(events, e => e.Stage == Stage.RunningSpark && e.ExecutorsRunning == 2);
        Assert.Contains(cluster.Fake.Journal.Calls("delete", "pods"), d => d.Name == $"covid-{SparkCluster.Id(done)}-driver");
        AssertNoPodLeft(done);
    }
}
