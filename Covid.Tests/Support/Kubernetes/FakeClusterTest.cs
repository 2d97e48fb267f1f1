using Covid.Tests.FakeKubernetes;
using k8s;

namespace Covid.Tests.Support.Kubernetes;

/// <summary>
/// Base of test classes that each need a fresh <see cref="FakeCluster"/>: xunit makes an instance
/// per test and starts and disposes the cluster around it.
/// </summary>
public abstract class FakeClusterTest(FakeClusterOptions? options = null) : IAsyncLifetime
{
    private FakeCluster? _cluster;

    protected FakeCluster Cluster => _cluster ?? throw new InvalidOperationException("the fake cluster has not started");

    protected FakeKubeApiServer Fake => Cluster.Fake;

    protected IKubernetes Client => Cluster.Client;

    public async Task InitializeAsync() => _cluster = await FakeCluster.StartAsync(options);

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
