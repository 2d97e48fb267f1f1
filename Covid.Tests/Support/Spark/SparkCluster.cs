using Covid.Tests.FakeKubernetes;
using Covid.Tests.Support.Kubernetes;
using Covid.V1;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using State = Covid.V1.Analysis.Types.State;

namespace Covid.Tests.Support.Spark;

/// <summary>
/// The real server with Kubernetes enabled, its IKubernetes pointed at a fresh fake API server
/// whose drivers run the DuckDB twin. The "PVC" is a temp directory: the server's data directory
/// lives under it and it is Kubernetes:MountPath, as in a cluster.
/// </summary>
internal sealed class SparkCluster : IAsyncDisposable
{
    public const string Namespace = "covid-test";

    private readonly FakeCluster _kubernetes;
    private readonly TempDirectory _volume = new("covid-pvc-");
    private string? seed;

    private SparkCluster(FakeCluster kubernetes) => _kubernetes = kubernetes;

    public FakeKubeApiServer Fake => _kubernetes.Fake;

    public string Volume => _volume.Path;

    public ServerHost Server { get; private set; } = null!;

    public AnalysisService.AnalysisServiceClient Analyses => Server.Analyses;

    /// <summary>Starts the fake and the server; <paramref name="seed"/> "" uses the synthetic sample instead of the real CDC file.</summary>
    public static async Task<SparkCluster> StartAsync(Dictionary<string, string>? settings = null, string? seed = null)
    {
        // As the server configures its own client: hung calls time out and are retried.
        var kubernetes = await FakeCluster.StartAsync(new FakeClusterOptions { ClientTimeout = TimeSpan.FromSeconds(3) });
        var cluster = new SparkCluster(kubernetes);
        cluster.Fake.Kubelet.DriverBehaviour = DuckDbTwinDriver.Create(cluster.Fake, cluster.SpecOfAsync);
        cluster.seed = seed;
        cluster.Server = await ServerHost.StartAsync(cluster.Options(settings));
        return cluster;
    }

    /// <summary>
    /// No faults, quotas or GC lag, the default kubelet, the twin driver and an empty journal, so
    /// that tests sharing this cluster never leak settings into each other.
    /// </summary>
    public SparkCluster Reset()
    {
        Fake.Faults.Clear();
        Fake.Store.ClearQuotas();
        Fake.Options.DependentsLag = TimeSpan.Zero;
        Fake.Options.PodTerminationGraceOf = null;
        Fake.Kubelet.Policy = FakeKubelet.DefaultPolicy;
        Fake.Kubelet.StepDelay = TimeSpan.FromMilliseconds(50);
        Fake.Kubelet.DriverBehaviour = DuckDbTwinDriver.Create(Fake, SpecOfAsync);
        Fake.Journal.Clear();
        return this;
    }

    /// <summary>Stops the server and starts another over the same data directory and the same fake.</summary>
    public async Task RestartAsync() => Server = await Server.RestartAsync();

    public ServerHostOptions Options(Dictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Kubernetes:Enabled"] = "true",
            ["Kubernetes:Namespace"] = Namespace,
            ["Kubernetes:MountPath"] = Volume,
            ["Kubernetes:ImagePullTimeout"] = "00:00:01",
            ["Kubernetes:ApiRetryDelay"] = "00:00:00.020",
            ["Kubernetes:SweepInterval"] = "01:00:00",
            // Long enough for any healthy run here; short enough that a stuck one fails the test, not hangs it.
            ["Kubernetes:ScheduleTimeout"] = "00:00:30",
            ["Spark:ResultVisibilityTimeout"] = "00:00:03",
            ["Spark:MonitoringUrl"] = Fake.Url + "/spark/{pod}",
            ["Spark:MonitoringInterval"] = "00:00:00.050",
            // Any real dataset is "large": AUTO goes to Spark on this server.
            ["Engine:SparkThresholdBytes"] = "1",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }
        return new ServerHostOptions
        {
            DataDirectory = Path.Combine(Volume, "data"),
            Seed = seed,
            Settings = settings,
            Customize = b => b.Services.AddSingleton(_kubernetes.Client),
        };
    }

    public async Task<Analysis> SubmitAsync(AnalysisSpec spec, CancellationToken ct)
    {
        spec.Engine = AnalysisSpec.Types.Engine.Spark;
        // Every test here is about a run on the cluster: never the answer of an earlier identical spec.
        return await Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = spec, Recompute = true }, cancellationToken: ct);
    }

    /// <summary>Submits the spec on SPARK and waits until the analysis has finished.</summary>
    public async Task<Analysis> RunAsync(AnalysisSpec spec, CancellationToken ct) =>
        await WaitFinishedAsync((await SubmitAsync(spec, ct)).Name, ct);

    public async Task<Analysis> WaitFinishedAsync(string name, CancellationToken ct)
    {
        try
        {
            return await ServerCalls.WaitForAsync(Analyses, name, a => a.State is State.Succeeded or State.Failed or State.Cancelled, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Say where it stood, and what ran beside it, rather than only "a task was canceled".
            var all = await Analyses.ListAnalysesAsync(new ListAnalysesRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
            var states = string.Join("\n", all.Analyses.Select(a => $"{a.Name} {a.State} {a.Engine} {a.Progress?.Stage}: {a.Progress?.Message}"));
            var calls = string.Join("\n", Fake.Journal.External.TakeLast(15).Select(c => $"{c.Verb} {c.Resource} {c.Name} {c.Query} -> {c.StatusCode}"));
            throw new TimeoutException($"{name} did not finish in time.\nAnalyses:\n{states}\nLast API calls:\n{calls}");
        }
    }

    public Task<Analysis> WaitAsync(string name, Func<Analysis, bool> condition, CancellationToken ct) =>
        ServerCalls.WaitForAsync(Analyses, name, condition, ct);

    public static string Id(Analysis analysis) => analysis.Name["analyses/".Length..];

    public IReadOnlyList<V1Pod> Pods(string? labelSelector = null) => Fake.Store.List<V1Pod>(Namespace, labelSelector);

    public IReadOnlyList<V1ConfigMap> ConfigMaps() => Fake.Store.List<V1ConfigMap>(Namespace);

    public IReadOnlyList<V1Service> Services() => Fake.Store.List<V1Service>(Namespace);

    /// <summary>
    /// Holds every driver that starts from now on at a gate before it does its work (the current
    /// behaviour, by default the twin's), so a test can act while it runs; the test opens the gate.
    /// </summary>
    public TaskCompletionSource GateDriver()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var work = Fake.Kubelet.DriverBehaviour!;
        Fake.Kubelet.DriverBehaviour = async ctx =>
        {
            await gate.Task.WaitAsync(ctx.CancellationToken);
            return await work(ctx);
        };
        return gate;
    }

    /// <summary>Waits (bounded) until the analysis' driver pod is Running.</summary>
    public async Task<V1Pod> WaitDriverRunningAsync(string id, CancellationToken ct)
    {
        while (true)
        {
            if (Fake.Store.Get<V1Pod>(Namespace, $"covid-{id}-driver") is { Status.Phase: "Running" } pod)
            {
                return pod;
            }
            await Task.Delay(20, ct);
        }
    }

    public async Task<AnalysisSpec> SpecOfAsync(string id) =>
        (await Analyses.GetAnalysisAsync(new GetAnalysisRequest { Name = "analyses/" + id })).Spec;

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await _kubernetes.DisposeAsync();
        _volume.Dispose();
    }
}
