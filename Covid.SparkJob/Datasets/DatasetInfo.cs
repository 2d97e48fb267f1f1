using Covid.SparkJob.Catalog;

namespace Covid.SparkJob.Datasets;

/// <summary>A loaded dataset: validated once, stored as typed Parquet beside its original file.</summary>
/// <param name="Name">What specs name in <c>dataset</c>.</param>
/// <param name="ParquetPath">The typed Parquet copy analyses read; empty for <see cref="DatasetStorage.CsvInPlace"/>.</param>
/// <param name="OriginalPath">The file as it arrived, kept for the record and for CSV-in-place reads.</param>
/// <param name="Source">"upload:FILE", "file:PATH", "url:URL" or "sample".</param>
/// <param name="Storage">Parquet copy (default) or the CSV read in place.</param>
public sealed record DatasetInfo(
    string Name,
    DatasetSchema Schema,
    string ParquetPath,
    string OriginalPath,
    string Source,
    bool Synthetic,
    long RowCount,
    long SizeBytes,
    DateOnly? MinDate,
    DateOnly? MaxDate,
    DateTimeOffset CreateTime,
    DatasetStorage Storage = DatasetStorage.Parquet);
