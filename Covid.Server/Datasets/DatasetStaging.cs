using Covid.Server.Storage;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;

namespace Covid.Server.Datasets;

/// <summary>
/// Loads one dataset the safe way: original written into a fresh staging directory, validated and
/// converted to Parquet there, then published. Any failure — bad data, a cut stream, cancellation —
/// deletes the staging directory, so the registry and the data directory are as they were.
/// </summary>
public sealed class DatasetStaging(DataLayout layout, DatasetRegistry registry, ILogger<DatasetStaging> logger)
{
    public async Task<DatasetInfo> LoadAsync(
        string name,
        DatasetSchema schema,
        Func<string, CancellationToken, Task> writeOriginal,
        string source,
        bool synthetic,
        bool replace,
        CancellationToken cancellationToken)
    {
        var staging = layout.NewStagingDirectory();
        try
        {
            var original = Path.Combine(staging, DataLayout.OriginalFile);
            await writeOriginal(original, cancellationToken);
            var parquet = Path.Combine(staging, DataLayout.ParquetFile);
            var staged = await DatasetIngestor.IngestAsync(name, schema, original, parquet, source, synthetic, cancellationToken);
            return registry.Publish(staging, staged, replace);
        }
        finally
        {
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
}
