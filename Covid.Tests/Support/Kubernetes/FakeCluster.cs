using Covid.Server.Kubernetes;
using Covid.Tests.FakeKubernetes;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;

namespace Covid.Tests.Support.Kubernetes;

/// <summary>
/// The fake Kubernetes API server and what the server's code talks to it with: a real
/// <see cref="IKubernetes"/> client and the server's <see cref="KubernetesApi"/> (retries 1 ms
/// apart) over <see cref="Options"/>. The fake keeps state, so each test starts its own.
/// </summary>
public sealed class FakeCluster : IAsyncDisposable
{
    private FakeCluster(FakeKubeApiServer fake, IKubernetes client, KubernetesOptions options)
    {
        Fake = fake;
        Client = client;
        Options = options;
        Api = new KubernetesApi(Microsoft.Extensions.Options.Options.Create(options), NullLogger<KubernetesApi>.Instance);
    }

    public FakeKubeApiServer Fake { get; }

    public IKubernetes Client { get; }

    /// <summary>What <see cref="Api"/> reads: the defaults with fast retries, then <see cref="FakeClusterOptions.Kubernetes"/>.</summary>
    public KubernetesOptions Options { get; }

    public KubernetesApi Api { get; }

    public static async Task<FakeCluster> StartAsync(FakeClusterOptions? options = null)
    {
        options ??= new FakeClusterOptions();
        var fake = await FakeKubeApiServer.StartAsync(options.Fake);
        fake.Kubelet.Enabled = options.Kubelet;
        IKubernetes client = options.ClientTimeout is { } timeout
            ? new k8s.Kubernetes(new KubernetesClientConfiguration { Host = fake.Url, HttpClientTimeout = timeout })
            : fake.CreateClient();
        var kubernetes = new KubernetesOptions { ApiRetryDelay = TimeSpan.FromMilliseconds(1) };
        options.Kubernetes?.Invoke(kubernetes);
        return new FakeCluster(fake, client, kubernetes);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Fake.DisposeAsync();
    }
}
