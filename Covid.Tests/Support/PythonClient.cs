using System.Diagnostics;

namespace Covid.Tests.Support;

/// <summary>
/// A Python grpcio client with default options (/usr/bin/python3), stubs compiled from protos/ by
/// grpc_tools into a temp directory: what a user generating a client in another language gets.
/// </summary>
internal static class PythonClient
{
    public static async Task<(int Code, string Output)> RunAsync(string script, params string[] args)
    {
        using var dir = new TempDirectory("covid-python-");
        var protos = Path.Combine(CdcFiles.RepoRoot, "protos");
        var (compiled, compileOutput) = await RunProcessAsync(dir.Path, ["-m", "grpc_tools.protoc", "-I", protos, "--python_out=.", "--grpc_python_out=.",
            .. Directory.GetFiles(Path.Combine(protos, "covid", "v1"), "*.proto"), .. Directory.GetFiles(Path.Combine(protos, "google", "api"), "*.proto")]);
        if (compiled != 0)
        {
            return (compiled, "protoc: " + compileOutput);
        }
        File.WriteAllText(dir.File("client.py"), script);
        return await RunProcessAsync(dir.Path, ["client.py", .. args]);
    }

    private static async Task<(int, string)> RunProcessAsync(string workingDirectory, string[] args)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output + await error);
    }
}
