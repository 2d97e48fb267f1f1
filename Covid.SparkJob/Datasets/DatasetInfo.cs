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
    DatasetStorage Storage = DatasetStorage.Parquet)
{
    /// <summary>
    /// The original CSV's export form and header, as detected when it was loaded; null for a
    /// dataset stored before layouts were recorded (those are all rows.csv files).
    /// </summary>
    public FileLayout? Layout { get; init; }

    /// <summary>The layout, or the rows.csv layout when none was recorded.</summary>
    public FileLayout FileLayout => Layout ?? FileLayout.RowsOf(Schema);

    /// <summary>This load's number among the loads of <see cref="Name"/>: 1, 2, 3 … in load order (see <see cref="DatasetVersions"/>).</summary>
    public int Version { get; init; } = 1;

    /// <summary>SHA-256 of the original file's bytes, lowercase hex; empty for loads stored before versions existed.</summary>
    public string Sha256 { get; init; } = "";

    /// <summary>The data's own "as of" date: the latest value of the schema's as-of field, or the day the file was fetched or loaded.</summary>
    public DateOnly? DataAsOf { get; init; }

    /// <summary>Where <see cref="DataAsOf"/> comes from: "field NAME", "retrieved", "loaded" or "file modified".</summary>
    public string DataAsOfBasis { get; init; } = "";

    /// <summary><see cref="DataAsOf"/>, or for loads stored before versions existed the day they were loaded.</summary>
    public DateOnly AsOf => DataAsOf ?? DateOnly.FromDateTime(CreateTime.UtcDateTime);

    /// <summary>What identifies exactly these rows: the name, the version number and the original's hash.</summary>
    public DatasetVersionId VersionId => new(Name, Version, Sha256);

    /// <summary>The file an engine reads: the Parquet copy, or the CSV itself when read in place.</summary>
    public string ReadPath => Storage == DatasetStorage.CsvInPlace ? OriginalPath : ParquetPath;
}
