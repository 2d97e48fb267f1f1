using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;

namespace Covid.SparkJob.Ingestion;

/// <summary>
/// Loads a CSV export once: validates every line against the schema, then writes the typed Parquet
/// copy all analyses read. Writes nothing but <c>parquetPath</c>; directories and making the
/// dataset visible belong to the caller.
/// </summary>
public static class DatasetIngestor
{
    /// <exception cref="DatasetFormatException">The CSV does not match the schema; nothing is left at <c>parquetPath</c>.</exception>
    public static async Task<DatasetInfo> IngestAsync(
        string name, DatasetSchema schema, string csvPath, string parquetPath, string source, bool synthetic, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentException.ThrowIfNullOrEmpty(csvPath);
        ArgumentException.ThrowIfNullOrEmpty(parquetPath);
        var stats = await Task.Run(() => CsvValidator.Validate(schema, csvPath, ct), ct).ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
        var existed = File.Exists(parquetPath);
        try
        {
            var written = await Task.Run(() => ParquetConverter.Convert(schema, stats.Layout, csvPath, parquetPath), ct).ConfigureAwait(false);
            if (written != stats.Rows)
            {
                throw new InvalidOperationException($"Parquet conversion of '{csvPath}' wrote {written} rows, the CSV has {stats.Rows}");
            }
        }
        catch when (!existed)
        {
            // Never leave a half-written copy behind for someone to mistake for a dataset.
            File.Delete(parquetPath);
            throw;
        }
        return new DatasetInfo(
            name,
            schema,
            Path.GetFullPath(parquetPath),
            Path.GetFullPath(csvPath),
            source,
            synthetic,
            stats.Rows,
            new FileInfo(csvPath).Length,
            stats.MinDate,
            stats.MaxDate,
            DateTimeOffset.UtcNow)
        {
            Layout = stats.Layout,
        };
    }
}
