namespace Covid.Cli.Formatting;

/// <summary>Datasets as a table for the table, CSV and JSON writers.</summary>
internal static class DatasetTables
{
    private static readonly ResultColumn[] Columns =
    [
        new("name", ColumnKind.String), new("schema", ColumnKind.String), new("source", ColumnKind.String),
        new("synthetic", ColumnKind.String), new("rows", ColumnKind.Int64), new("size_bytes", ColumnKind.Int64),
        new("min_date", ColumnKind.Date), new("max_date", ColumnKind.Date), new("created", ColumnKind.String),
        new("owner", ColumnKind.String), new("shared", ColumnKind.String),
    ];

    public static AnalysisResult Of(IEnumerable<DatasetInfo> datasets) =>
        new(Columns, datasets.Select(Row).ToList());

    /// <summary>One row per field of the dataset's schema.</summary>
    public static AnalysisResult Fields(DatasetInfo dataset) => new(
        [new("field", ColumnKind.String), new("type", ColumnKind.String), new("dimension", ColumnKind.String), new("description", ColumnKind.String)],
        dataset.Fields.Select(f => (IReadOnlyList<object?>)[f.Name, f.Kind.ToString().ToUpperInvariant(), f.IsDimension ? "true" : "false", f.Description]).ToList());

    private static IReadOnlyList<object?> Row(DatasetInfo d) =>
    [
        d.Name, d.Schema, d.Source, d.Synthetic ? "true" : "false", d.RowCount, d.SizeBytes,
        d.MinDate, d.MaxDate, AnalysisTables.Time(d.CreateTime),
        d.Owner.Length > 0 ? d.Owner : "(built in)", d.Shared ? "true" : "false",
    ];
}
