using Covid.SparkJob.Datasets;
using Grpc.Net.Client;

namespace Covid.Bench;

/// <summary>
/// The server a figure drives: its own process, started from a published build as users run it
/// (the image publishes ReadyToRun), or hosted in the bench's process, where its OpenTelemetry
/// spans can be read (<c>--spans</c>).
/// </summary>
internal sealed class AnalysisServer : IAsyncDisposable
{
    private readonly IAsyncDisposable server;
    private readonly ServerProcess? process;

    private AnalysisServer(IAsyncDisposable server, GrpcChannel channel, IDatasetLookup datasets, string where)
    {
        this.server = server;
        process = server as ServerProcess;
        Channel = channel;
        Datasets = datasets;
        Where = where;
    }

    public GrpcChannel Channel { get; }

    /// <summary>The server's own datasets, for baselines that read the very files it reads.</summary>
    public IDatasetLookup Datasets { get; }

    /// <summary>CPU used so far by the bench process and, when the server runs apart, by the server's process too.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            using var bench = System.Diagnostics.Process.GetCurrentProcess();
            return bench.TotalProcessorTime + (process?.ProcessorTime ?? TimeSpan.Zero);
        }
    }

    /// <summary>How the server runs, for the figure's heading.</summary>
    public string Where { get; }

    /// <param name="serverDll">A published Covid.Server.dll to run as its own process; null hosts the server in this process.</param>
    public static async Task<AnalysisServer> StartAsync(string? serverDll, string seed, params string[] settings)
    {
        if (serverDll is null)
        {
            var hosted = await BenchServer.StartAsync(seed, settings);
            return new AnalysisServer(hosted, hosted.Channel(), hosted.Datasets, "the server hosted in the bench process");
        }
        string[] lifted = ["Limits:RequestsPerMinute=6000000", "Limits:RequestBurst=100000"]; // a load test measures throughput, not the rate limit
        var process = await ServerProcess.StartAsync(serverDll, [$"Data:Seed={seed}", .. lifted, .. settings]);
        var datasets = new PublishedDatasets(process.DataDirectory);
        // The seed is published before the server listens; checked, so a baseline never plans against nothing.
        if (!datasets.Names.Any())
        {
            await process.DisposeAsync();
            throw new InvalidOperationException($"the server process published no dataset from {seed}");
        }
        return new AnalysisServer(process, process.Channel(), datasets, $"the server as its own process ({Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(serverDll)))}/{Path.GetFileName(serverDll)})");
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await server.DisposeAsync();
    }
}
