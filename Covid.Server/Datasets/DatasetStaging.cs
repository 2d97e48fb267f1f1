using Covid.Server.Storage;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;
using Covid.Server.Tenancy;
using Covid.SparkJob.Errors;
using Microsoft.Extensions.Options;

namespace Covid.Server.Datasets;

/// <summary>
/// Loads one version of a dataset the safe way: the original checked line by line and hashed as it
/// is written into a fresh staging directory (<see cref="CsvIntake"/>: kept as
/// <c>Data:OriginalCompression</c> says, within the <c>Data:MaxCsv*</c> limits; compressed after
/// the publish by <see cref="OriginalCompressor"/>), converted to
/// Parquet there in one DuckDB pass that reads the checked lines as they arrive, then published. Any failure — bad data, a cut stream, cancellation —
/// deletes the staging directory, so the registry and the data directory are as they were.
/// The caller's quotas are held here, where every way in passes: uploads and imports in flight, and
/// bytes stored once the original is written.
/// </summary>
public sealed class DatasetStaging(
    DataLayout layout, DatasetRegistry registry, UploadSlots slots, IOptions<QuotaOptions> quotas, IOptions<DataOptions> data,
    IngestMetrics metrics, OriginalCompressor compressor, ILogger<DatasetStaging> logger)
{
    public async Task<DatasetInfo> LoadAsync(
        DatasetWrite write,
        DatasetSchema schema,
        Func<CsvIntake, CancellationToken, Task> writeOriginal,
        string source,
        bool synthetic,
        CancellationToken cancellationToken)
    {
        registry.EnsureWritable(write, schema);
        using var slot = write.Caller == Caller.System ? null : slots.Acquire(write.Caller);
        var staging = layout.NewStagingDirectory();
        long received = 0;
        var loaded = false;
        try
        {
            var options = data.Value;
            var parquet = Path.Combine(staging, DataLayout.ParquetFile);
            using var intake = CsvIntake.Create(staging, schema, options.CsvLimits, compressor.IntakeCompression, new ConversionTarget(parquet, options.ConversionMemoryLimit));
            try
            {
                await writeOriginal(intake, cancellationToken);
            }
            finally
            {
                received = intake.Bytes;
            }
            var statistics = intake.Complete();
            EnsureStorageQuota(write, intake.Bytes);
            var staged = await DatasetIngestor.IngestAsync(write.Name, schema, intake, statistics, parquet, source, synthetic, cancellationToken);
            var published = registry.Publish(staging, DatasetProvenance.Stamp(staged, intake.Sha256, source), write);
            loaded = true;
            compressor.Enqueue(published);
            return published;
        }
        catch (Exception ex) when (StorageFailure.IsDiskFull(ex))
        {
            throw StorageFailure.ToServiceException(ex, layout, $"dataset \"{write.Name}\" was not loaded and nothing of it was kept");
        }
        finally
        {
            metrics.Ingested(source, received, loaded);
            // After a successful publish the directory has been moved away and this is a no-op.
            if (Directory.Exists(staging))
            {
                try
                {
                    Directory.Delete(staging, recursive: true);
                }
                catch (IOException ex)
                {
                    logger.LogWarning("Could not delete staging directory {Directory}: {Message}", staging, ex.Message);
                }
            }
        }
    }

    /// <summary>
    /// RESOURCE_EXHAUSTED when the new version would take the owner past Quotas:MaxStoredBytes:
    /// every kept version counts, less those the new one would prune (Data:KeepVersions).
    /// </summary>
    private void EnsureStorageQuota(DatasetWrite write, long size)
    {
        var access = registry.Find(write.Name) is null ? null : registry.AccessOf(write.Name);
        if (write.Caller == Caller.System || access is { BuiltIn: true })
        {
            return;
        }
        var owner = access?.Owner ?? write.Caller.Principal;
        var freed = access is null ? 0 : registry.BytesFreedByNextVersion(write.Name);
        var used = registry.StoredBytes(owner) - freed;
        var limit = quotas.Value.MaxStoredBytes;
        if (used + size > limit)
        {
            throw ServiceException.ResourceExhausted(
                $"{owner}'s datasets would hold {used + size} bytes, more than the {limit} bytes one principal may store (Quotas:MaxStoredBytes); nothing was loaded");
        }
    }
}
