using Covid.Server.Hosting;
using Covid.SparkJob.Datasets;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Covid.Bench;

/// <summary>
/// The real server (Kestrel on loopback, HTTP/2, built exactly as <c>dotnet run</c> builds it) over
/// a temporary data directory, seeded with the real 9mfq-cb36 export; deleted on dispose.
/// </summary>
internal sealed class BenchServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly bool ownsDirectory;

    private BenchServer(WebApplication app, string directory, bool ownsDirectory)
    {
        this.app = app;
        this.ownsDirectory = ownsDirectory;
        DataDirectory = directory;
        Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    public string Address { get; }

    public string DataDirectory { get; }

    /// <summary>The server's own datasets, for baselines that read the very files it reads.</summary>
    public IDatasetLookup Datasets => app.Services.GetRequiredService<IDatasetLookup>();

    public static Task<BenchServer> StartAsync(string seed, params string[] settings) =>
        StartAsync(Directory.CreateTempSubdirectory("covid-bench-server-").FullName, ownsDirectory: true, seed, settings);

    /// <summary>A server over <paramref name="directory"/>, which it leaves in place when disposed (for figures that restart it).</summary>
    public static Task<BenchServer> StartInAsync(string directory, string seed, params string[] settings) =>
        StartAsync(directory, ownsDirectory: false, seed, settings);

    private static async Task<BenchServer> StartAsync(string directory, bool ownsDirectory, string seed, string[] settings)
    {
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            "--Kestrel:EndpointDefaults:Protocols=Http2",
            $"--Data:Directory={directory}",
            $"--Data:Seed={seed}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
            // A load test measures throughput, not the per-principal rate limit.
            "--Limits:RequestsPerMinute=6000000",
            "--Limits:RequestBurst=100000",
            .. settings.Select(s => "--" + s),
        ];
        var app = CovidServer.Build(args);
        await app.StartAsync();
        return new BenchServer(app, directory, ownsDirectory);
    }

    /// <summary>The server's own services, for figures that time one of its parts alone.</summary>
    public IServiceProvider Services => app.Services;

    public GrpcChannel Channel() => GrpcChannel.ForAddress(Address, new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024 });

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        if (ownsDirectory)
        {
            SpentDirectories.Remove(DataDirectory);
        }
    }
}
