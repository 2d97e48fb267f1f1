using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipes;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;

namespace Covid.SparkJob.Ingestion;

/// <summary>
/// The Parquet conversion running while the upload still arrives: DuckDB reads the checked header
/// and data lines from a pipe as <see cref="CsvIntake"/> passes them on, so converting overlaps
/// receiving, checking and compressing instead of following them, and the lines are never written
/// to disk a second time. A full queue of pieces holds the writer back (the upload waits for
/// DuckDB, memory stays bounded). Ending the pipe early (a bad line, a cut stream) lets DuckDB finish what it has,
/// which the caller deletes with the staging directory.
/// </summary>
internal sealed class PipedConversion
{
    // How long a conversion cut short may take to notice the pipe's end and close its files.
    private static readonly TimeSpan AbortWait = TimeSpan.FromSeconds(30);

    // Room for DuckDB to fall a little behind without stopping the upload at every 64 KB (Linux's default pipe size).
    private const int PipeBytes = 1 << 20;

    // DuckDB fills a whole read buffer from the pipe before it parses any of it: with only the pipe
    // between them the check would wait while DuckDB parses, and DuckDB while the check runs. The
    // lines wait here instead, in pieces handed to a writer thread, so the check runs ahead by up
    // to AheadPieces × PieceBytes (the memory this costs), more than DuckDB's read buffer (its
    // default is 32 MB), and both keep a core busy.
    private const int PieceBytes = 1 << 20;
    private const int AheadPieces = 16;
    private const int ReadBufferBytes = 8 << 20;

    private readonly AnonymousPipeServerStream _pipe;
    private readonly Task<long> _conversion;
    private readonly BlockingCollection<(byte[] Bytes, int Length)> _pieces = new(AheadPieces);
    private readonly Task _writer;
    private byte[] _piece = ArrayPool<byte>.Shared.Rent(PieceBytes);
    private int _filled;
    private volatile bool _ended;

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
                return ParquetConverter.Convert(schema, layout, input, target.ParquetPath, target.MemoryLimit, ReadBufferBytes);
            }
            finally
            {
                _pipe.DisposeLocalCopyOfClientHandle();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _writer = Task.Factory.StartNew(WritePieces, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
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

    /// <summary>Passes checked lines on, waiting while DuckDB is more than the pieces behind.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > 0 && !_ended)
        {
            var n = Math.Min(bytes.Length, PieceBytes - _filled);
            bytes[..n].CopyTo(_piece.AsSpan(_filled));
            _filled += n;
            bytes = bytes[n..];
            if (_filled == PieceBytes)
            {
                Hand();
            }
        }
    }

    /// <summary>The end of the lines: DuckDB finishes and reports the rows it wrote (or its error).</summary>
    public async Task<long> FinishAsync()
    {
        if (_filled > 0)
        {
            Hand(last: true);
        }
        End();
        await _writer.ConfigureAwait(false);
        return await _conversion.ConfigureAwait(false);
    }

    /// <summary>The load failed: DuckDB is stopped and waited for, so nothing writes into the directory the caller deletes.</summary>
    public void Abort()
    {
        _ended = true;
        End();
        foreach (var task in new[] { _writer, _conversion })
        {
            try
            {
                task.Wait(AbortWait);
            }
            catch (AggregateException)
            {
                // What DuckDB made of a cut-short file no longer matters: the load already failed for its own reason.
            }
        }
    }

    /// <summary>The full piece to the writer (waiting while the queue is full), a fresh one to fill.</summary>
    private void Hand(bool last = false)
    {
        try
        {
            _pieces.Add((_piece, _filled));
            _piece = last ? [] : ArrayPool<byte>.Shared.Rent(PieceBytes);
        }
        catch (InvalidOperationException)
        {
            // The writer stopped: DuckDB refused a line or failed, and its error is what Finish reports.
            _ended = true;
        }
        _filled = 0;
    }

    private void End() => _pieces.CompleteAdding();

    /// <summary>The writer thread: pieces into the pipe in order, then the pipe's end, which DuckDB reads as the file's.</summary>
    private void WritePieces()
    {
        try
        {
            foreach (var (bytes, length) in _pieces.GetConsumingEnumerable())
            {
                try
                {
                    // Once ended (DuckDB stopped, or the load failed) the rest is dropped.
                    if (!_ended)
                    {
                        _pipe.Write(bytes, 0, length);
                    }
                }
                catch (IOException)
                {
                    // DuckDB stopped reading (it refused a line or failed; a broken pipe comes only once it let go
                    // of the read end): its error, or a short row count, is what Finish reports.
                    _ended = true;
                    _pieces.CompleteAdding();
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(bytes);
                }
            }
        }
        catch
        {
            // Whatever stopped the writer stops the intake's waiting too.
            _ended = true;
            _pieces.CompleteAdding();
            throw;
        }
        finally
        {
            _pipe.Dispose();
        }
    }
}
