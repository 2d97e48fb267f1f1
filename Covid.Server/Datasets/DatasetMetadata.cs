using Covid.Server.Storage;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;

namespace Covid.Server.Datasets;

/// <summary>
/// dataset.json: what is known about one version beyond its files, so a restart does not have to
/// re-read the data to list it. Written once, into the staging directory before the version is
/// published, and never changed after. Owner and Shared record the name's access when it was
/// loaded (the name's current access is in access.json); files written before owners existed
/// have none: they belong to the anonymous principal.
/// </summary>
public sealed record DatasetMetadata(
    string Name,
    string Schema,
    string Source,
    bool Synthetic,
    long RowCount,
    long SizeBytes,
    DateOnly? MinDate,
    DateOnly? MaxDate,
    DateTimeOffset CreateTime,
    string? Owner = null,
    bool Shared = false)
{
    /// <summary>The export form of the original file ("Rows" or "Soda"); null in files written before forms existed (rows.csv).</summary>
    public ExportForm? Form { get; init; }

    /// <summary>The original file's header, in file order; null in files written before layouts were recorded.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>The version number; null in files written before versions existed (version 1).</summary>
    public int? Version { get; init; }

    /// <summary>SHA-256 of the original file; null before versions existed.</summary>
    public string? Sha256 { get; init; }

    /// <summary>The data's own as-of day and where it comes from; null before versions existed (the load day is used).</summary>
    public DateOnly? DataAsOf { get; init; }

    public string? DataAsOfBasis { get; init; }

    public static DatasetMetadata From(DatasetInfo info, DatasetAccess access) => new(
        info.Name, info.Schema.Name, info.Source, info.Synthetic, info.RowCount, info.SizeBytes, info.MinDate, info.MaxDate, info.CreateTime,
        access.Owner, access.Shared)
    {
        Form = info.FileLayout.Form,
        Columns = info.FileLayout.Columns,
        Version = info.Version,
        Sha256 = info.Sha256,
        DataAsOf = info.DataAsOf,
        DataAsOfBasis = info.DataAsOfBasis,
    };

    /// <summary>The loaded form, with paths inside <paramref name="directory"/>; null when the schema is no longer in the catalog.</summary>
    public DatasetInfo? ToInfo(string directory, SchemaCatalog catalog) => catalog.Find(Schema) is { } schema
        ? new DatasetInfo(Name, schema,
            Path.Combine(directory, DataLayout.ParquetFile),
            DataLayout.OriginalIn(directory),
            Source, Synthetic, RowCount, SizeBytes, MinDate, MaxDate, CreateTime)
        {
            Layout = Form is { } form && Columns is { } columns ? new FileLayout(form, columns) : null,
            Version = Version ?? 1,
            Sha256 = Sha256 ?? "",
            DataAsOf = DataAsOf,
            DataAsOfBasis = DataAsOfBasis ?? (DataAsOf is null ? "loaded" : ""),
        }
        : null;
}
