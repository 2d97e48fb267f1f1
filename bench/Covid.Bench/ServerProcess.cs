using System.Diagnostics;
using System.Globalization;
using Grpc.Net.Client;

namespace Covid.Bench;

/// <summary>
/// The real server as its own process (<c>dotnet Covid.Server.dll</c>) on loopback over a
/// temporary data directory, so what it costs — memory above all — is measured apart from the
/// bench's own process. Killed (this process only) and its directory removed on dispose (see <see cref="SpentDirectories"/>).
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private const string Listening = "Now listening on: ";
    private readonly Process process;

    private ServerProcess(Process process, string directory, string address)
    {
        this.process = process;
        DataDirectory = directory;
        Address = address;
    }

    public string Address { get; }

    public string DataDirectory { get; }

    public static async Task<ServerProcess> StartAsync(string serverDll, params string[] settings)
    {
        var directory = Directory.CreateTempSubdirectory("covid-bench-process-").FullName;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] args =
        [
            serverDll,
            "--urls=http://127.0.0.1:0",
            "--Kestrel:EndpointDefaults:Protocols=Http2",
            $"--Data:Directory={directory}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
            .. settings.Select(s => "--" + s),
        ];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the server");
        var address = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.IndexOf(Listening, StringComparison.Ordinal) is >= 0 and var at)
            {
                address.TrySetResult(e.Data[(at + Listening.Length)..].Trim());
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 })
            {
                Console.Error.WriteLine("server: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = await Task.WhenAny(address.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(2)));
        if (started != address.Task)
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
            Directory.Delete(directory, recursive: true);
            throw new InvalidOperationException("the server did not start listening within 2 minutes");
        }
        return new ServerProcess(process, directory, await address.Task);
    }

    /// <summary>The process' peak resident set so far (VmHWM of /proc/PID/status), in bytes.</summary>
    public long PeakResidentBytes => StatusKilobytes("VmHWM:") * 1024;

    /// <summary>CPU time the process has used so far, on all its threads.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>The process' resident set now (VmRSS), in bytes.</summary>
    public long ResidentBytes => StatusKilobytes("VmRSS:") * 1024;

    public GrpcChannel Channel() => GrpcChannel.ForAddress(Address, new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024 });

    private long StatusKilobytes(string key)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith(key, StringComparison.Ordinal));
        return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        process.Dispose();
        SpentDirectories.Remove(DataDirectory);
    }
}
