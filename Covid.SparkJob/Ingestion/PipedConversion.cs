using System.Buffers;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;

namespace Covid.SparkJob.Ingestion;

/// <summary>
/// The Parquet conversion running while the upload still arrives: DuckDB reads the checked header
/// and data lines from pipes as <see cref="CsvIntake"/> passes them on, so converting overlaps
/// receiving, checking and compressing instead of following them, and the lines are never written
/// to disk a second time. DuckDB reads a pipe with one thread (it cannot split a pipe among its
/// threads as it does a file), so the lines are dealt out in whole-line pieces to one pipe per core
/// (<see cref="PipeLane"/>), each beginning with the header, and DuckDB reads them all at once, as a
/// list of files, into one Parquet file. Full lanes hold the writer back (the upload waits for
/// DuckDB, memory stays bounded). Ending the pipes early (a bad line, a cut stream) lets DuckDB
/// finish what it has, which the caller deletes with the staging directory.
/// </summary>
internal sealed class PipedConversion
{
    // How long a conversion cut short may take to notice the pipes' end and close its files.
    private static readonly TimeSpan AbortWait = TimeSpan.FromSeconds(30);

    // Lines are passed on in pieces of about this size; a piece ends at a line's end, so any lane may take it.
    private const int PieceBytes = 1 << 20;
    private const int ReadBufferBytes = 8 << 20;

    /// <summary>At most this many pipes, whatever the cores: each costs DuckDB a read buffer and the lane its pieces.</summary>
    internal const int MaxLanes = 4;

    private readonly PipeLane[] _lanes;
    private readonly Task<long> _conversion;
    private byte[] _piece = ArrayPool<byte>.Shared.Rent(PieceBytes);
    private int _filled;
    private int _next;
    private bool _headerSent;

    public PipedConversion(DatasetSchema schema, FileLayout layout, ConversionTarget target)
    {
        // One lane per core DuckDB converts with (its default threads); more would only add row groups.
        _lanes = [.. Enumerable.Range(0, Math.Clamp(Environment.ProcessorCount, 1, MaxLanes)).Select(_ => new PipeLane(StopAll))];
        var inputs = _lanes.Select(l => l.ReadPath).ToList();
        // Its own thread, not the pool's: DuckDB waits on the pipes for as long as the client takes to send the file.
        _conversion = Task.Factory.StartNew(() =>
        {
            try
            {
                return ParquetConverter.Convert(schema, layout, inputs, target.ParquetPath, target.MemoryLimit, ReadBufferBytes);
            }
            finally
            {
                // From here a lane whose pipe DuckDB never read to its end gets a broken pipe, never a hang.
                foreach (var lane in _lanes)
                {
                    lane.ReleaseReadEnd();
                }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Pipes are file names only where /dev/fd exists (Linux, macOS); elsewhere the lines go to a file converted after.</summary>
    public static bool Supported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>True once DuckDB has finished or failed: nothing of this conversion writes any more.</summary>
    public bool Stopped => _conversion.IsCompleted;

    /// <summary>
    /// Passes checked records on (<paramref name="records"/> holds whole records, the first call the
    /// header first), waiting while DuckDB is more than the lanes hold behind.
    /// </summary>
    public void Write(ReadOnlySpan<byte> records)
    {
        if (!_headerSent)
        {
            var header = HeaderLength(records);
            foreach (var lane in _lanes)
            {
                var copy = ArrayPool<byte>.Shared.Rent(header);
                records[..header].CopyTo(copy);
                lane.TryAdd(copy, header);
            }
            records = records[header..];
            _headerSent = true;
        }
        if (records.Length > _piece.Length - _filled)
        {
            // A chunk of records larger than a piece goes as one piece of its own size.
            Hand(Math.Max(PieceBytes, records.Length));
        }
        records.CopyTo(_piece.AsSpan(_filled));
        _filled += records.Length;
        if (_filled >= PieceBytes)
        {
            Hand(PieceBytes);
        }
    }

    /// <summary>The end of the lines: DuckDB finishes and reports the rows it wrote (or its error).</summary>
    public async Task<long> FinishAsync()
    {
        Hand(0);
        foreach (var lane in _lanes)
        {
            lane.End();
        }
        await Task.WhenAll(_lanes.Select(l => l.Writer)).ConfigureAwait(false);
        return await _conversion.ConfigureAwait(false);
    }

    /// <summary>The load failed: DuckDB is stopped and waited for, so nothing writes into the directory the caller deletes.</summary>
    public void Abort()
    {
        StopAll();
        foreach (var task in _lanes.Select(l => l.Writer).Append(_conversion))
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

    /// <summary>DuckDB stopped reading a pipe before its end, or the load failed: every lane drops the rest of the lines.</summary>
    private void StopAll()
    {
        foreach (var lane in _lanes)
        {
            lane.Stop();
        }
    }

    /// <summary>The length of the header record at the start of the first records: up to its line end outside quotes.</summary>
    internal static int HeaderLength(ReadOnlySpan<byte> records)
    {
        var quoted = false;
        for (var i = 0; i < records.Length; i++)
        {
            if (records[i] == (byte)'"')
            {
                quoted = !quoted;
            }
            else if (records[i] == (byte)'\n' && !quoted)
            {
                return i + 1;
            }
        }
        return records.Length;
    }

    /// <summary>
    /// The filled piece to the next lane with room, in turn; when every lane is full, to the first
    /// that makes room. Never to one lane only: DuckDB may read one pipe to its end before the next.
    /// Then a fresh piece of <paramref name="nextBytes"/> to fill (none after the last).
    /// </summary>
    private void Hand(int nextBytes)
    {
        if (_filled == 0)
        {
            if (_piece.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_piece);
            }
        }
        else
        {
            var handed = false;
            for (var tried = 0; tried < _lanes.Length && !handed; tried++)
            {
                handed = _lanes[_next].TryAdd(_piece, _filled);
                _next = (_next + 1) % _lanes.Length;
            }
            if (!handed)
            {
                // Every lane is full or stopped (DuckDB refused a line or failed: its error is what Finish reports).
                PipeLane.AddToAny(_lanes, _piece, _filled);
            }
        }
        _piece = nextBytes == 0 ? [] : ArrayPool<byte>.Shared.Rent(nextBytes);
        _filled = 0;
    }
}
