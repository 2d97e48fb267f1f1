namespace Covid.SparkJob.Catalog;

/// <summary>The schema of one CDC export: its columns in file order and the field time runs along.</summary>
/// <remarks>
/// The CSV layout members describe the export as it is, so it is parsed without editing: some
/// exports put title lines before the header and a disclaimer after the data.
/// </remarks>
public sealed record DatasetSchema(string Name, string Title, string DateField, IReadOnlyList<SchemaField> Fields)
{
    public SchemaField? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);

    /// <summary>Lines before the header line (COVID-NET: two title lines). The header is line TitleLines + 1.</summary>
    public int TitleLines { get; init; }

    /// <summary>
    /// When set, the data end at the first blank line and what follows must begin with this text
    /// (COVID-NET: "Disclaimer:"); it is ignored. When null a blank line is an error like any other.
    /// </summary>
    public string? FooterMarker { get; init; }

    /// <summary>The field holding a state/jurisdiction code for per-100k rates (e.g. "state", "Location"); null when none.</summary>
    public string? PopulationKey { get; init; }

    /// <summary>The fields that are CSV columns, in header order (derived fields excluded).</summary>
    public IReadOnlyList<SchemaField> CsvFields => Fields.Where(f => !f.IsDerived).ToList();

    /// <summary>
    /// Whether a CSV of this schema can be read in place by a SQL engine's CSV reader: neither
    /// DuckDB's nor Spark's reader can stop at a footer, so a schema with one is always converted.
    /// </summary>
    public bool SupportsInPlace => FooterMarker is null && TitleLines == 0;
}
