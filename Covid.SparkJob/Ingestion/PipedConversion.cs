using System.IO.Pipes;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;

namespace Covid.SparkJob.Ingestion;

/// <summary>
/// The Parquet conversion running while the upload still arrives: DuckDB reads the checked header
/// and data lines from a pipe as <see cref="CsvIntake"/> passes them on, so converting overlaps
/// receiving, checking and compressing instead of following them, and the lines are never written
/// to disk a second time. A full pipe holds the writer back (the upload waits for DuckDB, memory
/// stays bounded). Ending the pipe early (a bad line, a cut stream) lets DuckDB finish what it has,
/// which the caller deletes with the staging directory.
/// </summary>
internal sealed class PipedConversion
{
    // How long a conversion cut short may take to notice the pipe's end and close its files.
    private static readonly TimeSpan AbortWait = TimeSpan.FromSeconds(30);

    // Room for DuckDB to fall a little behind without stopping the upload at every 64 KB (Linux's default pipe size).
    private const int PipeBytes = 1 << 20;

    private readonly AnonymousPipeServerStream _pipe;
    private readonly Task<long> _conversion;
    private bool _ended;

    public PipedConversion(DatasetSchema schema, FileLayout layout, ConversionTarget target)
    {
        _pipe = NewPipe();
        // DuckDB opens the read end by name; this process holds it until DuckDB is done, so a
        // conversion that fails before reading it all turns the next write into a broken pipe, never a hang.
        var input = "/dev/fd/" + _pipe.GetClientHandleAsString();
        // Its own thread, not the pool's: DuckDB waits on the pipe for as long as the client takes to send the file.
        _conversion = Task.Factory.StartNew(() =>
        {
            try
            {
                return ParquetConverter.Convert(schema, layout, input, target.ParquetPath, target.MemoryLimit);
            }
            finally
            {
                _pipe.DisposeLocalCopyOfClientHandle();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private static AnonymousPipeServerStream NewPipe()
    {
        try
        {
            return new AnonymousPipeServerStream(PipeDirection.Out, HandleInheritability.None, PipeBytes);
        }
        catch (IOException)
        {
            // The system's pipe-max-size or the user's pipe quota refused the size: the default works, only slower.
            return new AnonymousPipeServerStream(PipeDirection.Out, HandleInheritability.None);
        }
    }

    /// <summary>Pipes are file names only where /dev/fd exists (Linux, macOS); elsewhere the lines go to a file converted after.</summary>
    public static bool Supported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>True once DuckDB has finished or failed: nothing of this conversion writes any more.</summary>
    public bool Stopped => _conversion.IsCompleted;

    /// <summary>Passes checked lines on, waiting while DuckDB is behind.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (_ended)
        {
            return;
        }
        try
        {
            _pipe.Write(bytes);
        }
        catch (IOException) when (Task.WhenAny(_conversion).Wait(AbortWait))
        {
            // DuckDB stopped reading (it refused a line or failed): its error is what Finish reports.
            _ended = true;
        }
    }

    /// <summary>The end of the lines: DuckDB finishes and reports the rows it wrote (or its error).</summary>
    public Task<long> FinishAsync()
    {
        End();
        return _conversion;
    }

    /// <summary>The load failed: DuckDB is stopped and waited for, so nothing writes into the directory the caller deletes.</summary>
    public void Abort()
    {
        End();
        try
        {
            _conversion.Wait(AbortWait);
        }
        catch (AggregateException)
        {
            // What DuckDB made of a cut-short file no longer matters: the load already failed for its own reason.
        }
    }

    private void End()
    {
        _ended = true;
        _pipe.Dispose();
    }
}
