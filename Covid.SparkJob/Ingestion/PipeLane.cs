using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipes;

namespace Covid.SparkJob.Ingestion;

/// <summary>
/// One of <see cref="PipedConversion"/>'s pipes: DuckDB reads it as a file (<see cref="ReadPath"/>)
/// while a thread of its own writes the pieces queued for it, in order. A piece queued is owned
/// by the lane (its buffer goes back to the pool once written or dropped).
/// </summary>
internal sealed class PipeLane
{
    // Room for DuckDB to fall a little behind without stopping the writer at every 64 KB (Linux's default pipe size).
    private const int PipeBytes = 1 << 20;

    // DuckDB fills a whole read buffer (8 MB) from a pipe before it parses any of it: with only the
    // pipe between them the check would wait while DuckDB parses, and DuckDB while the check runs.
    // The pieces wait here instead, so the check runs ahead by more than a read buffer (the memory
    // this costs) and both keep a core busy.
    private const int AheadPieces = 12;

    private readonly AnonymousPipeServerStream _pipe = NewPipe();
    private readonly BlockingCollection<(byte[] Bytes, int Length)> _pieces = new(AheadPieces);
    private readonly Action _broken;
    private volatile bool _stopped;

    /// <param name="broken">Called when DuckDB stops reading this pipe before its end (it refused a line or failed).</param>
    public PipeLane(Action broken)
    {
        _broken = broken;
        // DuckDB opens the read end by name; this process holds it until DuckDB is done (ReleaseReadEnd).
        ReadPath = "/dev/fd/" + _pipe.GetClientHandleAsString();
        Writer = Task.Factory.StartNew(WritePieces, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The pipe's read end as a file name DuckDB opens.</summary>
    public string ReadPath { get; }

    /// <summary>The writer thread: done once the lane ended or stopped and its pieces are written or dropped.</summary>
    public Task Writer { get; }

    /// <summary>DuckDB is done with the pipe: a write into it now fails as a broken pipe, never waits.</summary>
    public void ReleaseReadEnd() => _pipe.DisposeLocalCopyOfClientHandle();

    /// <summary>Queues the piece unless the lane is full (false); a stopped lane takes it and drops it.</summary>
    public bool TryAdd(byte[] bytes, int length)
    {
        if (!_stopped)
        {
            try
            {
                return _pieces.TryAdd((bytes, length));
            }
            catch (InvalidOperationException)
            {
                // Stopped meanwhile.
            }
        }
        ArrayPool<byte>.Shared.Return(bytes);
        return true;
    }

    /// <summary>Queues the piece in the first of <paramref name="lanes"/> to have room, waiting for one; dropped once they stopped.</summary>
    public static void AddToAny(PipeLane[] lanes, byte[] bytes, int length)
    {
        try
        {
            BlockingCollection<(byte[], int)>.AddToAny([.. lanes.Select(l => l._pieces)], (bytes, length));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // A lane stopped (all stop together): DuckDB's error, or its short row count, is what the conversion reports.
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>No more pieces: once the queued ones are written the pipe closes, which DuckDB reads as the file's end.</summary>
    public void End() => _pieces.CompleteAdding();

    /// <summary>The conversion is over: queued and later pieces are dropped, the pipe closes.</summary>
    public void Stop()
    {
        _stopped = true;
        _pieces.CompleteAdding();
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

    private void WritePieces()
    {
        try
        {
            foreach (var (bytes, length) in _pieces.GetConsumingEnumerable())
            {
                try
                {
                    if (!_stopped)
                    {
                        _pipe.Write(bytes, 0, length);
                    }
                }
                catch (IOException)
                {
                    // DuckDB stopped reading (a broken pipe comes only once it let go of the read end).
                    _broken();
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(bytes);
                }
            }
        }
        catch
        {
            _broken();
            throw;
        }
        finally
        {
            _pipe.Dispose();
        }
    }
}
