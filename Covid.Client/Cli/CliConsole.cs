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

    /// <summary>Standard output is a terminal, where binary output (Parquet) must not go.</summary>
    public bool OutIsTerminal { get; init; }

    /// <summary>Standard output as bytes, for Parquet; tests give a stream of their own.</summary>
    public Func<Stream> OpenOut { get; init; } = () => throw new InvalidOperationException("this console has no binary standard output");

    /// <summary>The process' own console.</summary>
    public static CliConsole System() => new(Console.Out, Console.Error, !Console.IsErrorRedirected)
    {
        OwnsProcess = true,
        OutIsTerminal = !Console.IsOutputRedirected,
        OpenOut = Console.OpenStandardOutput,
    };
}
