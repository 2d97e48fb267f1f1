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

    /// <summary>As <see cref="InvokeAsync(string[])"/>, standard output's bytes going to <paramref name="stdout"/> too (for --output parquet).</summary>
    public static async Task<(ExitCode Code, string Output, string Error)> InvokeAsync(Stream stdout, bool outIsTerminal, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var console = new CliConsole(TextWriter.Synchronized(output), TextWriter.Synchronized(error), ErrorIsTerminal: false)
        {
            OutIsTerminal = outIsTerminal,
            OpenOut = () => new NonClosingStream(stdout),
        };
        var code = await CovidCli.InvokeAsync(args, console, cancellationToken: timeout.Token);
        return ((ExitCode)code, output.ToString(), error.ToString());
    }

    /// <summary>A file of deploy/examples/.</summary>
    public static string Example(string fileName) =>
        Path.Combine(Support.CdcFiles.RepoRoot, "deploy", "examples", fileName);

    /// <summary>The CLI disposes what it writes Parquet to; the test still reads it afterwards.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
