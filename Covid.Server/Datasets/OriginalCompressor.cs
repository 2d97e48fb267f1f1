using System.IO.Compression;
using System.Threading.Channels;
using Covid.Server.Storage;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;
using Microsoft.Extensions.Options;

namespace Covid.Server.Datasets;

/// <summary>
/// Compresses a loaded version's original (<c>Data:OriginalCompression</c> Zstd or Gzip) after the
/// version is published, so the upload is answered once its Parquet copy is in rather than after
/// zstd too: on two cores, compressing as the bytes arrived was a fifth of an upload's CPU and
/// made it 1.44x DuckDB's own CSV→Parquet COPY instead of 1.16x (1M rows, bench ingest). Until it
/// is done the version keeps its original plain (<c>original.csv</c>, three times the disk for a
/// few seconds); analyses never read it. The compressed file is written beside it, flushed and
/// renamed into place before the plain one goes, so a crash or stop at any point leaves one whole
/// original: at start every stored version still holding a plain one is compressed again.
/// </summary>
public sealed class OriginalCompressor(
    DatasetRegistry registry, IOptions<DataOptions> data, IHostApplicationLifetime lifetime, ILogger<OriginalCompressor> logger) : BackgroundService
{
    // One entry per version loaded since start: bounded by the versions themselves.
    private readonly Channel<string> pending = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private int queued;
    private volatile bool scanned;

    /// <summary>What the loads leave for this: the original as it arrived when it is compressed afterwards, else as configured.</summary>
    public OriginalCompression IntakeCompression => Compresses ? OriginalCompression.None : data.Value.OriginalCompression;

    /// <summary>
    /// Nothing to compress: the versions found plain at start are queued (or originals are not
    /// compressed at all) and every queued original is done.
    /// </summary>
    public bool Idle => (!Compresses || scanned) && Volatile.Read(ref queued) == 0;

    private bool Compresses => data.Value.OriginalCompression is OriginalCompression.Zstd or OriginalCompression.Gzip;

    private string Suffix => data.Value.OriginalCompression == OriginalCompression.Gzip ? ".gz" : ".zst";

    /// <summary>Queues the original of a version just published (nothing when originals are kept plain or not at all).</summary>
    public void Enqueue(DatasetInfo version)
    {
        var directory = Path.GetDirectoryName(version.ParquetPath)!;
        // Only a version directory's own: an old-layout dataset's files, which lie in its name's directory, stay as they are.
        if (Compresses && version.Storage == DatasetStorage.Parquet && DatasetFiles.VersionNumber(Path.GetFileName(directory)) is not null)
        {
            Interlocked.Increment(ref queued);
            pending.Writer.TryWrite(directory);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Compresses)
        {
            return;
        }
        try
        {
            // The registry is loaded by the start-up service; the versions a stop or crash left plain are known once the host runs.
            await WhenStarted(stoppingToken);
            foreach (var name in registry.Names)
            {
                foreach (var version in registry.Versions(name))
                {
                    Enqueue(version);
                }
            }
            scanned = true;
            await foreach (var directory in pending.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    // Its own pool thread: a large original takes seconds of one core.
                    await Task.Run(() => Compress(directory, stoppingToken), stoppingToken);
                }
                finally
                {
                    Interlocked.Decrement(ref queued);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is left plain is compressed at the next start.
        }
    }

    private Task WhenStarted(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken);
    }

    private void Compress(string directory, CancellationToken stoppingToken)
    {
        var plain = Path.Combine(directory, DataLayout.OriginalFile);
        var target = plain + Suffix;
        var temp = target + AtomicFile.TempSuffix;
        try
        {
            File.Delete(temp);
            if (!File.Exists(plain))
            {
                return; // compressed already, loaded with the original discarded, or the version is gone
            }
            if (!File.Exists(target))
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                Write(plain, temp, stoppingToken);
                File.Move(temp, target);
                // The new name must be on the disk before the only other copy goes.
                DirectoryFlush.Flush(directory);
                logger.LogInformation("Compressed the original in {Directory}: {Plain} to {Compressed} bytes in {Seconds:F1} s",
                    directory, new FileInfo(plain).Length, new FileInfo(target).Length, clock.Elapsed.TotalSeconds);
            }
            // A compressed one in place already: a crash came after its rename, before this delete.
            File.Delete(plain);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            TryDelete(temp);
            if (ex is OperationCanceledException)
            {
                throw;
            }
            // A full disk, or the version deleted meanwhile (its directory moved to the trash): the plain original stands.
            logger.LogWarning("The original in {Directory} stays uncompressed for now (tried again at the next start): {Message}", directory, ex.Message);
        }
    }

    private void Write(string plain, string temp, CancellationToken stoppingToken)
    {
        using var source = new FileStream(plain, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        using (var compressed = data.Value.OriginalCompression == OriginalCompression.Gzip
            ? (Stream)new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true)
            : new ZstdSharp.CompressionStream(file, 1, leaveOpen: true))
        {
            var buffer = new byte[1 << 20];
            int read;
            while ((read = source.Read(buffer)) > 0)
            {
                stoppingToken.ThrowIfCancellationRequested();
                compressed.Write(buffer, 0, read);
            }
        }
        file.Flush(flushToDisk: true);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A temp file: never the only copy of anything, removed at the next attempt.
        }
    }
}
