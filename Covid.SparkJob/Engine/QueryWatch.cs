using DuckDB.NET.Data;

namespace Covid.SparkJob.Engine;

/// <summary>
/// Watches a DuckDB query while it blocks the thread that runs it: every interval, reports its
/// progress, or interrupts it again when the analysis was cancelled (a cancel that landed before the
/// query began is otherwise lost). Disposing waits for a report in flight, so none comes after.
/// </summary>
internal sealed class QueryWatch : IDisposable
{
    private readonly DuckDBConnection connection;
    private readonly DuckDBCommand command;
    private readonly ScanProgress reporter;
    private readonly CancellationToken cancellationToken;
    private readonly CancellationTokenRegistration interrupt;
    private readonly Timer timer;
    private int busy;

    public QueryWatch(DuckDBConnection connection, DuckDBCommand command, ScanProgress reporter, TimeSpan interval, CancellationToken cancellationToken)
    {
        this.connection = connection;
        this.command = command;
        this.reporter = reporter;
        this.cancellationToken = cancellationToken;
        // Interrupt at once on cancel; the timer repeats it.
        interrupt = cancellationToken.Register(command.Cancel);
        timer = new Timer(_ => Tick(), null, interval, interval);
    }

    private void Tick()
    {
        // A slow report is not overtaken by the next tick.
        if (Interlocked.Exchange(ref busy, 1) == 1)
        {
            return;
        }
        try
        {
            if (cancellationToken.IsCancellationRequested)
            {
                command.Cancel();
            }
            else
            {
                reporter.Report(connection.GetQueryProgress());
            }
        }
        finally
        {
            Volatile.Write(ref busy, 0);
        }
    }

    public void Dispose()
    {
        interrupt.Dispose();
        using var stopped = new ManualResetEvent(false);
        if (timer.Dispose(stopped))
        {
            stopped.WaitOne();
        }
    }
}
