using System.Diagnostics;
using System.Text.RegularExpressions;
using Covid.V1;
using Grpc.Net.Client;

namespace Covid.Tests.Support;

/// <summary>
/// The real server as a process of its own (the Covid.Server build beside the tests), so a test
/// can kill it with SIGKILL as a crash would or SIGTERM it as Kubernetes stops a pod, optionally
/// under a wrapper such as strace. Its port is read from the "Now listening on" line it prints.
/// </summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> output;

    private ServerProcess(Process process, List<string> output, string address)
    {
        this.process = process;
        this.output = output;
        Channel = GrpcChannel.ForAddress(address);
        Datasets = new DatasetService.DatasetServiceClient(Channel);
        Analyses = new AnalysisService.AnalysisServiceClient(Channel);
    }

    public GrpcChannel Channel { get; }

    public DatasetService.DatasetServiceClient Datasets { get; }

    public AnalysisService.AnalysisServiceClient Analyses { get; }

    public bool HasExited => process.HasExited;

    /// <summary>Every line the server wrote so far (stdout and stderr).</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (output)
            {
                return [.. output];
            }
        }
    }

    /// <summary>
    /// Starts the server over <paramref name="dataDirectory"/> (the synthetic sample as its seed unless a setting names another Data:Seed),
    /// under <paramref name="wrapper"/> when given, with <paramref name="settings"/> ("Key=value") added
    /// and <paramref name="environment"/> set (as a Deployment's env sets them).
    /// </summary>
    public static async Task<ServerProcess> StartAsync(
        string dataDirectory, CancellationToken ct, IReadOnlyList<string>? wrapper = null, IReadOnlyList<string>? settings = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var server = Path.Combine(AppContext.BaseDirectory, "Covid.Server.dll");
        var command = new List<string>(wrapper ?? []) { "dotnet", server,
            "--urls=http://127.0.0.1:0", "--Kestrel:EndpointDefaults:Protocols=Http2", $"--Data:Directory={dataDirectory}",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
            "--Limits:RequestsPerMinute=6000000", "--Limits:RequestBurst=100000" };
        command.AddRange((settings ?? []).Select(s => "--" + s));
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        command.Skip(1).ToList().ForEach(start.ArgumentList.Add);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + command[0]);
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lines = new List<string>();
        void Read(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (lines)
            {
                lines.Add(line);
            }
            if (Listening().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(match.Groups[1].Value);
            }
        }
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("the server exited before listening:\n" + string.Join("\n", lines)));
        try
        {
            var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(90), ct);
            return new ServerProcess(process, lines, address);
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>The last lines the server wrote, for a failure's message.</summary>
    public string RecentLog => string.Join('\n', Output.TakeLast(60));

    /// <summary>SIGKILL, as a crash: nothing of the server's shutdown runs.</summary>
    public void Kill() => Kill(process);

    /// <summary>SIGKILL, then waits until the process is gone.</summary>
    public async Task KillAsync(CancellationToken ct)
    {
        Kill(process);
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

    /// <summary>Waits (bounded) until the process has exited, by a kill or on its own.</summary>
    public Task WaitForExitAsync(CancellationToken ct) => process.WaitForExitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        Kill(process);
        // Bounded: an exit the runtime never observes (the child reaped elsewhere) once hung a
        // whole CI run here. The process was killed; waiting longer proves nothing more.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
        }
        process.Dispose();
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    // Also inside a JSON log line, where the address ends at the message's closing quote.
    [GeneratedRegex(@"Now listening on: (http://[^\s""]+)")]
    private static partial Regex Listening();
}
