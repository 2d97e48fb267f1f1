namespace Covid.Cli;

/// <summary>
/// Where the CLI writes: results to <paramref name="Out"/>, diagnostics and progress to
/// <paramref name="Error"/>. Injected so tests can run the CLI in-process and read both.
/// </summary>
/// <param name="Out">Standard output: results only.</param>
/// <param name="Error">Standard error: progress, messages, errors.</param>
/// <param name="ErrorIsTerminal">Draw a live progress bar (true) or write plain lines (false).</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool ErrorIsTerminal)
{
    /// <summary>True for the real console: then Ctrl+C cancels the running verb (in tests the caller's token does).</summary>
    public bool OwnsProcess { get; init; }

    /// <summary>The process' own console.</summary>
    public static CliConsole System() => new(Console.Out, Console.Error, !Console.IsErrorRedirected) { OwnsProcess = true };
}
