using System.Diagnostics;

namespace Covid.Tests.Support.OtherClients;

/// <summary>Runs a program that is not ours (buf, curl, node, python) to its end, bounded in time, and returns what it printed.</summary>
internal static class ForeignProcess
{
    public sealed record Outcome(int ExitCode, string Output, string Error)
    {
        /// <summary>Fails the test with everything the program said when it did not exit 0.</summary>
        public Outcome Succeeded()
        {
            Assert.True(ExitCode == 0, $"exit code {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}");
            return this;
        }
    }

    public static async Task<Outcome> RunAsync(string program, IEnumerable<string> args, string? input = null,
        IReadOnlyDictionary<string, string>? environment = null, int timeoutSeconds = 120)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            WorkingDirectory = CdcFiles.RepoRoot,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} ran over {timeoutSeconds} s");
        }
        return new Outcome(process.ExitCode, await output, await error);
    }
}
