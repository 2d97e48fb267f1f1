using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Covid.V1;
using Grpc.Net.Client;

namespace Covid.Tests.Support.Faults;

/// <summary>
/// The real server as its own process (<c>dotnet Covid.Server.dll</c>, the build the tests ran
/// against) on 127.0.0.1 and a free port, so it can be SIGKILLed and SIGTERMed like a pod's
/// container. The address is read from its "Now listening on" line; its last log lines are kept
/// for the harness's report.
/// </summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> log;

    private ServerProcess(Process process, ConcurrentQueue<string> log, string address)
    {
        this.process = process;
        this.log = log;
        Channel = GrpcChannel.ForAddress(address);
        Analyses = new AnalysisService.AnalysisServiceClient(Channel);
        Datasets = new DatasetService.DatasetServiceClient(Channel);
    }

    public GrpcChannel Channel { get; }

    public AnalysisService.AnalysisServiceClient Analyses { get; }

    public DatasetService.DatasetServiceClient Datasets { get; }

    public bool HasExited => process.HasExited;

    /// <summary>The last lines the server wrote, for a failure's message.</summary>
    public string RecentLog => string.Join('\n', log);

    public static async Task<ServerProcess> StartAsync(string dataDirectory, string seed, IEnumerable<string> settings, CancellationToken ct)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Covid.Server.dll"));
        foreach (var arg in new[]
        {
            "--urls=http://127.0.0.1:0",
            "--Kestrel:EndpointDefaults:Protocols=Http2",
            $"--Data:Directory={dataDirectory}",
            $"--Data:Seed={seed}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
            "--Limits:RequestsPerMinute=6000000",
            "--Limits:RequestBurst=100000",
        }.Concat(settings.Select(s => "--" + s)))
        {
            start.ArgumentList.Add(arg);
        }
        var log = new ConcurrentQueue<string>();
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void Line(string? line)
        {
            if (line is null)
            {
                return;
            }
            log.Enqueue(line);
            while (log.Count > 60 && log.TryDequeue(out _))
            {
            }
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(match.Groups[1].Value);
            }
        }
        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("the server exited while starting:\n" + string.Join('\n', log)));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new ServerProcess(process, log, await listening.Task.WaitAsync(ct));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, as when a node dies or the OOM killer strikes.</summary>
    public async Task KillAsync(CancellationToken ct)
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(ct);
    }

    /// <summary>SIGTERM, as Kubernetes stops a pod; how long the server took to exit, or null when it had not within <paramref name="bound"/>.</summary>
    public async Task<TimeSpan?> TerminateAsync(TimeSpan bound, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(ct);
        }
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(bound);
        try
        {
            await process.WaitForExitAsync(wait.Token);
            return clock.Elapsed;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            // Bounded: an exit the runtime never observes (the child reaped elsewhere) once hung a
            // whole CI run here. The process was killed; waiting longer proves nothing more.
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
        process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://[0-9.]+:[0-9]+)")]
    private static partial Regex ListeningLine();
}
