using System.Security.Cryptography;
using System.IO.Compression;
using Covid.SparkJob.Catalog;

namespace Covid.SparkJob.Ingestion;

/// <summary>
/// Where a dataset's original file is written as it arrives (an upload's chunks, a download, a
/// copy): every byte is checked at once (<see cref="CsvCheck"/>, so a bad line is refused while
/// the rest is still on its way), kept compressed as <see cref="OriginalCompression"/> says
/// (written past the page cache: <see cref="DirectWriteFile"/>), and
/// the header and data lines are handed to the converter: given a <see cref="ConversionTarget"/>,
/// straight to DuckDB converting them as they come (<see cref="PipedConversion"/>), else written
/// plainly to <see cref="BodyPath"/> for a conversion afterwards. Writes only inside
/// <see cref="Directory"/>; the caller deletes it if anything fails.
/// </summary>
public sealed class CsvIntake : Stream
{
    /// <summary>The plain header and data lines DuckDB converts, deleted after the conversion unless it is the kept original.</summary>
    public const string BodyFile = "body.csv";

    private readonly CsvCheck _check;
    private readonly DirectWriteFile? _originalFile;
    private readonly Stream _original;
    private readonly FileStream? _body;
    private readonly DatasetSchema _schema;
    private PipedConversion? _conversion;
    // The original's bytes as they came, whatever is kept of them: a version's identity.
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _completed;

    private CsvIntake(string directory, DatasetSchema schema, CsvLimits limits, OriginalCompression compression, ConversionTarget? target)
    {
        Directory = directory;
        _schema = schema;
        Target = target is not null && PipedConversion.Supported ? target : null;
        MemoryLimit = target?.MemoryLimit ?? ConversionTarget.DefaultMemoryLimit;
        OriginalPath = Path.Combine(directory, "original.csv" + compression switch { OriginalCompression.Zstd => ".zst", OriginalCompression.Gzip => ".gz", _ => "" });
        _originalFile = compression == OriginalCompression.Discard ? null : new DirectWriteFile(OriginalPath);
        _original = compression switch
        {
            OriginalCompression.Discard => Null,
            OriginalCompression.Zstd => Zstd(_originalFile!),
            OriginalCompression.Gzip => new GZipStream(_originalFile!, CompressionLevel.Fastest, leaveOpen: true),
            _ => _originalFile!,
        };
        // A plain original of a file without title lines or footer is what the converter reads: no second copy.
        var bodyIsOriginal = compression == OriginalCompression.None && schema.SupportsInPlace;
        BodyPath = bodyIsOriginal ? OriginalPath : Path.Combine(directory, BodyFile);
        _body = bodyIsOriginal || Target is not null ? null : new FileStream(BodyPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        _check = new CsvCheck(schema, limits, Target is not null ? ToConversion : _body is null ? null : bytes => _body.Write(bytes));
    }

    /// <summary>Starts writing the original into <paramref name="directory"/> (an empty staging directory).</summary>
    public static CsvIntake Create(string directory, DatasetSchema schema, CsvLimits limits, OriginalCompression compression) =>
        Create(directory, schema, limits, compression, null);

    /// <summary>Starts writing the original, converting it to <paramref name="target"/> as it arrives where pipes allow (see <see cref="Target"/>).</summary>
    public static CsvIntake Create(string directory, DatasetSchema schema, CsvLimits limits, OriginalCompression compression, ConversionTarget? target)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(limits);
        return new CsvIntake(directory, schema, limits, compression, target);
    }

    /// <summary>The Parquet copy being written as the lines arrive; null when the converter reads <see cref="BodyPath"/> afterwards.</summary>
    public ConversionTarget? Target { get; }

    /// <summary>DuckDB's memory for the conversion, piped or not.</summary>
    internal string MemoryLimit { get; }

    /// <summary>The conversion under way; null until the header has been read (or without a <see cref="Target"/>).</summary>
    internal PipedConversion? Conversion => _conversion;

    /// <summary>The staging directory written into (scratch files of the writer may go there too).</summary>
    public string Directory { get; }

    /// <summary>The original as kept: original.csv, original.csv.zst or original.csv.gz (a path to nothing when discarded).</summary>
    public string OriginalPath { get; }

    /// <summary>The CSV the converter reads: the header and data lines.</summary>
    public string BodyPath { get; }

    /// <summary>SHA-256 of the original's bytes, lowercase hex; set by <see cref="Complete"/>.</summary>
    public string Sha256 { get; private set; } = "";

    /// <summary>Bytes of the original written so far.</summary>
    public long Bytes { get; private set; }

    /// <summary>The end of the original: the last line is checked, the files are closed.</summary>
    /// <exception cref="Datasets.DatasetFormatException">The file does not match the schema.</exception>
    public CsvStatistics Complete()
    {
        var statistics = _check.Complete();
        Sha256 = System.Convert.ToHexStringLower(_hash.GetHashAndReset());
        CloseFiles();
        _completed = true;
        return statistics;
    }

    /// <exception cref="Datasets.DatasetFormatException">The bytes break the line check or the schema.</exception>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        _check.Append(buffer);
        _hash.AppendData(buffer);
        _original.Write(buffer);
        Bytes += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    // The check is CPU work on bytes already in memory and the files are buffered: no reason to go async.
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_completed;

    public override long Length => Bytes;

    public override long Position { get => Bytes; set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_completed)
        {
            CloseFiles();
            _completed = true;
        }
        if (disposing)
        {
            // A load that failed after the lines began to flow: DuckDB stops before the directory goes.
            _conversion?.Abort();
            _hash.Dispose();
        }
        base.Dispose(disposing);
    }

    private static ZstdSharp.CompressionStream Zstd(Stream file)
    {
        var zstd = new ZstdSharp.CompressionStream(file, 1, leaveOpen: true);
        // Compressed on zstd's own worker thread (the same frames): the upload's thread only checks, hashes and passes lines on.
        zstd.SetParameter(ZstdSharp.Unsafe.ZSTD_cParameter.ZSTD_c_nbWorkers, 1);
        return zstd;
    }

    /// <summary>Checked lines to DuckDB; the first come once the header is read, so the conversion knows the file's columns.</summary>
    private void ToConversion(ReadOnlySpan<byte> lines)
    {
        _conversion ??= new PipedConversion(_schema, _check.Layout!, Target!);
        _conversion.Write(lines);
    }

    private void CloseFiles()
    {
        if (!ReferenceEquals(_original, _originalFile))
        {
            _original.Dispose();
        }
        _originalFile?.Dispose();
        _body?.Dispose();
    }
}
