using Covid.SparkJob.Geography;

namespace Covid.SparkJob.Catalog;

/// <summary>
/// The schema of one CDC dataset, read from its schema file: its fields, the field time runs
/// along, the dataset's grain and geography coding, and the export forms it can be loaded from.
/// </summary>
/// <remarks>
/// The CSV layout members describe the export as it is, so it is parsed without editing: some
/// exports put title lines before the header and a disclaimer after the data.
/// </remarks>
public sealed record DatasetSchema(string Name, string Title, string DateField, IReadOnlyList<SchemaField> Fields)
{
    public SchemaField? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);

    /// <summary>The data.cdc.gov ids the schema reads (ua7e-t2fy and its preliminary twin mpgq-jmmr).</summary>
    public IReadOnlyList<string> CdcIds { get; init; } = [];

    /// <summary>The export forms files of this schema come in; the first id's URL of each is in <see cref="ExportUrls"/>.</summary>
    public IReadOnlyList<ExportForm> Forms { get; init; } = [ExportForm.Rows];

    /// <summary>Where each form is downloaded (empty when the download is no data.cdc.gov link).</summary>
    public IReadOnlyDictionary<ExportForm, string> ExportUrls { get; init; } = new Dictionary<ExportForm, string>();

    /// <summary>The dataset's own period.</summary>
    public TimeGrain Grain { get; init; } = TimeGrain.Day;

    /// <summary>How its geography field codes places; null for a dataset without geography (case surveillance).</summary>
    public GeographyCoding? Geography { get; init; }

    /// <summary>Where the schema was read from: "built-in" or the file's path.</summary>
    public string Source { get; init; } = "built-in";

    /// <summary>
    /// The field whose latest value is the data's own "as of" date (r8kw-7aab's "Data as of",
    /// 9mfq-cb36's created_at, pwn4-m3yp's date_updated); null when the files carry none.
    /// </summary>
    public string? AsOfField { get; init; }

    /// <summary>Lines before the header line (COVID-NET: two title lines). The header is line TitleLines + 1.</summary>
    public int TitleLines { get; init; }

    /// <summary>
    /// When set, the data end at the first blank line and what follows must begin with this text
    /// (COVID-NET: "Disclaimer:"); it is ignored. When null a blank line is an error like any other.
    /// </summary>
    public string? FooterMarker { get; init; }

    public bool Supports(ExportForm form) => Forms.Contains(form);

    /// <summary>The fields that are CSV columns, in header order (derived fields excluded).</summary>
    public IReadOnlyList<SchemaField> CsvFields => Fields.Where(f => !f.IsDerived).ToList();

    /// <summary>The fields stored in the Parquet copy: the columns and what is derived at load.</summary>
    public IReadOnlyList<SchemaField> StoredFields => Fields.Where(f => f.DerivedFrom is not { InQuery: true }).ToList();

    /// <summary>
    /// Whether a CSV of this schema can be read in place by a SQL engine's CSV reader: neither
    /// DuckDB's nor Spark's reader can stop at a footer, so a schema with one is always converted.
    /// </summary>
    public bool SupportsInPlace => FooterMarker is null && TitleLines == 0;
}
