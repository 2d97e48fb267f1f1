using System.Net;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Covid.Tests.FakeKubernetes;

/// <summary>
/// A stateful fake Kubernetes API server (core/v1 pods, configmaps, services; pods/log, pods/status)
/// on loopback Kestrel over plain HTTP/1.1, for the real KubernetesClient:
/// <c>new Kubernetes(new KubernetesClientConfiguration { Host = fake.Url })</c> or <see cref="CreateClient"/>.
/// It keeps objects per namespace with one global resourceVersion counter, serves list and watch
/// (bounded history, 410 Expired, droppable connections), garbage-collects by ownerReferences,
/// injects programmed faults, journals every request, simulates the kubelet and the Spark driver,
/// and serves a fake Spark monitoring REST API under <c>{Url}/spark/{serviceName}/api/v1</c>.
/// </summary>
public sealed class FakeKubeApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _collector;
    private readonly PodLogs _logs = new();

    private FakeKubeApiServer(WebApplication app, FakeKubeOptions options)
    {
        _app = app;
        Options = options;
        Store = new FakeObjectStore(options);
        Spark = new FakeSparkMonitoring(Store);
        Kubelet = new FakeKubelet(this, options);
        _collector = Store.RunCollectorAsync(_stopping.Token);
    }

    /// <summary>Base URL, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string Url { get; private set; } = "";

    /// <summary>The tunables this fake was started with.</summary>
    public FakeKubeOptions Options { get; }

    /// <summary>The objects, their history and watches; usable directly to seed or inspect state.</summary>
    public FakeObjectStore Store { get; }

    /// <summary>Programmed faults (403/409/500/503/delays …).</summary>
    public FaultRules Faults { get; } = new();

    /// <summary>Every request received.</summary>
    public RequestJournal Journal { get; } = new();

    /// <summary>The kubelet (and Spark driver) simulation that runs created pods.</summary>
    public FakeKubelet Kubelet { get; }

    /// <summary>The fake Spark monitoring REST API served under <c>{Url}/spark/{serviceName}</c>.</summary>
    public FakeSparkMonitoring Spark { get; }

    /// <summary>Starts a fake on 127.0.0.1 and a free port.</summary>
    public static async Task<FakeKubeApiServer> StartAsync(FakeKubeOptions? options = null)
    {
        options ??= new FakeKubeOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        var fake = new FakeKubeApiServer(app, options);
        var handler = new KubeApiHandler(fake.Store, fake.Faults, fake.Journal, fake._logs, options);
        app.Run(ctx => ctx.Request.Path.StartsWithSegments("/spark", out var rest)
            ? fake.Spark.HandleAsync(ctx, rest)
            : handler.HandleAsync(ctx));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StartAsync(timeout.Token);
        fake.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        fake.Kubelet.Start(fake._stopping.Token);
        return fake;
    }

    /// <summary>
    /// A real client for this fake. <paramref name="accessToken"/> is sent as a bearer token and
    /// journalled as <see cref="RecordedRequest.User"/>.
    /// </summary>
    public IKubernetes CreateClient(string? accessToken = null) =>
        new k8s.Kubernetes(new KubernetesClientConfiguration { Host = Url, AccessToken = accessToken });

    /// <summary>The client a simulated driver in <paramref name="ns"/> uses with its pod's service account.</summary>
    internal IKubernetes CreateDriverClient(string ns, string serviceAccount) =>
        CreateClient($"{KubeApiHandler.DriverTokenPrefix}{ns}/{serviceAccount}");

    /// <summary>Ends every open watch connection (see <see cref="FakeObjectStore.DropWatches"/>).</summary>
    public void DropWatches(bool abort = false) => Store.DropWatches(abort);

    /// <summary>Forgets the event history so resuming any earlier watch gets 410 Expired.</summary>
    public void CompactHistory() => Store.CompactHistory();

    /// <summary>Replaces a pod's log (what <c>GET pods/{name}/log</c> answers).</summary>
    public void SetPodLog(string ns, string pod, string text) => _logs.Set(ns, pod, text);

    /// <summary>Appends to a pod's log.</summary>
    public void AppendPodLog(string ns, string pod, string text) => _logs.Append(ns, pod, text);

    /// <summary>A pod's log so far.</summary>
    public string GetPodLog(string ns, string pod) => _logs.Get(ns, pod);

    /// <summary>Stops the kubelet, drops watches and stops Kestrel.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Store.DropWatches();
        await Kubelet.StopAsync();
        try
        {
            await _collector;
        }
        catch (OperationCanceledException)
        {
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
