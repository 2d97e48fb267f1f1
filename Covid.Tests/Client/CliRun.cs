extern alias cli;
using cli::Covid.Client.Cli;

namespace Covid.Tests.Client;

/// <summary>Runs the covid CLI in-process with captured stdout and stderr, bounded in time.</summary>
internal static class CliRun
{
    public static async Task<(ExitCode Code, string Output, string Error)> InvokeAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var code = await CovidCli.InvokeAsync(args, new CliConsole(output, error, ErrorIsTerminal: false), cancellationToken: timeout.Token);
        return ((ExitCode)code, output.ToString(), error.ToString());
    }

    /// <summary>A file of deploy/examples/.</summary>
    public static string Example(string fileName) =>
        Path.Combine(Support.CdcFiles.RepoRoot, "deploy", "examples", fileName);
}
