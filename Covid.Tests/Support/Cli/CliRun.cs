extern alias cli;
using cli::Covid.Cli;

namespace Covid.Tests.Support.Cli;

/// <summary>Runs the covid CLI in-process with captured stdout and stderr, bounded in time.</summary>
internal static class CliRun
{
    public static Task<(ExitCode Code, string Output, string Error)> InvokeAsync(params string[] args) =>
        InvokeAsync(CancellationToken.None, args);

    /// <summary>As <see cref="InvokeAsync(string[])"/>, with <paramref name="interrupt"/> playing Ctrl+C.</summary>
    public static async Task<(ExitCode Code, string Output, string Error)> InvokeAsync(CancellationToken interrupt, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var code = await CovidCli.InvokeAsync(args, new CliConsole(TextWriter.Synchronized(output), TextWriter.Synchronized(error), ErrorIsTerminal: false), cancellationToken: timeout.Token);
        return ((ExitCode)code, output.ToString(), error.ToString());
    }

    /// <summary>A file of deploy/examples/.</summary>
    public static string Example(string fileName) =>
        Path.Combine(Support.CdcFiles.RepoRoot, "deploy", "examples", fileName);
}
