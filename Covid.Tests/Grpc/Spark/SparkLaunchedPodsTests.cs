using Covid.Tests.Deploy;
using Covid.Tests.Support.Spark;
using Covid.Tests.FakeKubernetes;
using Covid.Tests.Support;
using k8s;
using k8s.Models;
using Covid.Tests.Support.Deploy;
using State = Covid.V1.Analysis.Types.State;

namespace Covid.Tests.Grpc.Spark;

/// <summary>
/// The pods of a real run on a server configured without any pod template (the fixture's): the
/// launcher's own defaults must still meet "restricted" and a limits.cpu quota, for the driver it
/// creates and for the executors Spark builds over the template it ships.
/// </summary>
[Collection(SparkClusterCollection.Name)]
public sealed class SparkLaunchedPodsTests(SparkClusterFixture fixture)
{
    private readonly SparkCluster cluster = fixture.Reset();

    [Fact]
    public async Task Run_UnderALimitsCpuQuota_SucceedsWithEveryPodLimitedAndRestricted()
    {
        var ct = Timeouts.Token(60);
        cluster.Fake.Store.AddQuota(new FakeResourceQuota("compute", SparkCluster.Namespace, "4"));

        var done = await cluster.WaitFinishedAsync((await cluster.SubmitAsync(Specs.IssueExample(), ct)).Name, ct);

        Assert.True(done.State == State.Succeeded, done.FailureReason);
        var driver = cluster.Fake.Store.Get<V1Pod>(SparkCluster.Namespace, $"covid-{SparkCluster.Id(done)}-driver")!;
        var executors = cluster.Fake.Journal.Entries.Where(e => e.FromDriver && e.Verb == "create" && e.Resource == "pods").ToList();
        Assert.Equal([201, 201], executors.Select(e => e.StatusCode));
        var pods = executors.Select(e => KubernetesJson.Deserialize<V1Pod>(e.Body!)).Prepend(driver).ToList();
        Assert.All(pods, pod =>
        {
            Assert.Empty(RestrictedPodSecurity.Violations(pod));
            Assert.Equal("OnRootMismatch", pod.Spec.SecurityContext.FsGroupChangePolicy);
            Assert.Equal("1", pod.Spec.Containers[0].Resources.Limits["cpu"].ToString());
        });
        Assert.True(driver.Spec.AutomountServiceAccountToken);
        Assert.All(pods.Skip(1), e => Assert.False(e.Spec.AutomountServiceAccountToken));
    }
}
