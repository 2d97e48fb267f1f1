using Covid.Server.Datasets;
using Covid.Server.Hosting;
using Covid.Server.Jobs;
using Covid.Server.Storage;
using Covid.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;

namespace Covid.Tests.Support;

/// <summary>
/// The real server (built by <see cref="CovidServer.Build"/>, as <c>dotnet run</c> builds it) on
/// Kestrel, 127.0.0.1, a free port, HTTP/2 only, with a real <see cref="GrpcChannel"/> to it.
/// Disposing stops it and deletes the data directory it created.
/// </summary>
public sealed class ServerHost : IAsyncDisposable
{
    private bool ownsDirectory;
    private bool stopped;

    private ServerHost(WebApplication app, string dataDirectory, bool ownsDirectory, ServerHostOptions options, string address, string? http1Address)
    {
        App = app;
        DataDirectory = dataDirectory;
        Options = options;
        this.ownsDirectory = ownsDirectory;
        Address = address;
        Http1Address = http1Address;
        Channel = GrpcChannel.ForAddress(address);
        Analyses = new AnalysisService.AnalysisServiceClient(Channel);
        Datasets = new DatasetService.DatasetServiceClient(Channel);
    }

    public WebApplication App { get; }

    public string DataDirectory { get; }

    public ServerHostOptions Options { get; }

    /// <summary>The server's http:// address (h2c: gRPC, and REST over HTTP/2), as a user passes it to --server.</summary>
    public string Address { get; }

    /// <summary>With <see cref="ServerHostOptions.Http1"/>: the address serving REST over HTTP/1.1; else null.</summary>
    public string? Http1Address { get; }

    public GrpcChannel Channel { get; }

    public AnalysisService.AnalysisServiceClient Analyses { get; }

    public DatasetService.DatasetServiceClient Datasets { get; }

    public static Task<ServerHost> StartAsync(ServerHostOptions? options = null)
    {
        options ??= new ServerHostOptions();
        return StartAsync(options, ownsDirectory: options.DataDirectory is null);
    }

    private static async Task<ServerHost> StartAsync(ServerHostOptions options, bool ownsDirectory)
    {
        var owns = ownsDirectory;
        var dir = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), "covid-server-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            "--Kestrel:EndpointDefaults:Protocols=Http2",
            $"--Data:Directory={dir}",
            "--Logging:LogLevel:Default=Warning",
            // Tests poll every 25 ms; the per-principal rate limit is tested on its own (QuotaTests), with its own settings.
            "--Limits:RequestsPerMinute=6000000",
            "--Limits:RequestBurst=100000",
        };
        var seed = options.Seed ?? CdcFiles.Get(CdcFiles.CasesDeaths2021);
        if (seed.Length > 0)
        {
            args.Add($"--Data:Seed={seed}");
        }
        if (options.Http1)
        {
            args.Add("--Rest:Http1Urls=http://127.0.0.1:0");
        }
        args.AddRange(options.Settings.Select(kv => $"--{kv.Key}={kv.Value}"));
        var app = CovidServer.Build([.. args], options.Customize);
        options.Map?.Invoke(app);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await app.StartAsync(timeout.Token);
        }
        catch
        {
            await app.DisposeAsync();
            if (owns)
            {
                Directory.Delete(dir, recursive: true);
            }
            throw;
        }
        // The seed's original is compressed in the background right after start: done before a
        // test looks at the data directory or fills its disk, which the plain copy's removal would free.
        var compressor = app.Services.GetRequiredService<OriginalCompressor>();
        for (var waited = 0; !compressor.Idle; waited += 10)
        {
            if (waited >= 60_000)
            {
                await app.DisposeAsync();
                throw new TimeoutException("the server's OriginalCompressor was still busy 60 s after start");
            }
            await Task.Delay(10);
        }
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        string? http1 = null;
        foreach (var candidate in options.Http1 ? addresses : [])
        {
            if (await SpeaksHttp1Async(candidate))
            {
                http1 = candidate;
            }
        }
        return new ServerHost(app, dir, owns, options, addresses.Single(a => a != http1), http1);
    }

    /// <summary>Both ports of a server with Rest:Http1Urls are bound at port 0: the HTTP/1.1 one answers an HTTP/1.1 request.</summary>
    private static async Task<bool> SpeaksHttp1Async(string address)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, address + "/openapi/v1.json") { Version = System.Net.HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
            using var response = await http.SendAsync(request);
            return response.Version == System.Net.HttpVersion.Version11;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>
    /// Stops this server, keeping its data directory, and starts a new one over it (with the same
    /// options unless others are given). The new host takes over deleting the directory.
    /// </summary>
    public async Task<ServerHost> RestartAsync(ServerHostOptions? options = null)
    {
        await StopAsync();
        var next = options ?? Options;
        var owns = ownsDirectory;
        ownsDirectory = false;
        return await StartAsync(new ServerHostOptions
        {
            DataDirectory = DataDirectory,
            Seed = next.Seed,
            Settings = next.Settings,
            Customize = next.Customize,
            Map = next.Map,
            Http1 = next.Http1,
        }, owns);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (ownsDirectory && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    private async Task StopAsync()
    {
        if (stopped)
        {
            return;
        }
        stopped = true;
        Channel.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await App.StopAsync(timeout.Token);
        }
        finally
        {
            await App.DisposeAsync();
        }
    }
}
