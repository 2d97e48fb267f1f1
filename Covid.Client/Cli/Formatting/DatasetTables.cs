namespace Covid.Cli.Formatting;

/// <summary>Datasets and schemas as tables for the table, CSV and JSON writers.</summary>
internal static class DatasetTables
{
    private static readonly ResultColumn[] Columns =
    [
        new("name", ColumnKind.String), new("schema", ColumnKind.String), new("source", ColumnKind.String),
        new("synthetic", ColumnKind.String), new("rows", ColumnKind.Int64), new("size_bytes", ColumnKind.Int64),
        new("min_date", ColumnKind.Date), new("max_date", ColumnKind.Date), new("created", ColumnKind.String),
        new("owner", ColumnKind.String), new("shared", ColumnKind.String), new("form", ColumnKind.String),
        new("version", ColumnKind.Int64), new("versions", ColumnKind.Int64), new("data_as_of", ColumnKind.Date),
    ];

    private static readonly ResultColumn[] VersionColumns =
    [
        new("version", ColumnKind.Int64), new("data_as_of", ColumnKind.Date), new("as_of_basis", ColumnKind.String),
        new("loaded", ColumnKind.String), new("source", ColumnKind.String), new("rows", ColumnKind.Int64),
        new("min_date", ColumnKind.Date), new("max_date", ColumnKind.Date), new("form", ColumnKind.String),
        new("synthetic", ColumnKind.String), new("pinned_by", ColumnKind.Int64), new("sha256", ColumnKind.String),
    ];

    private static readonly ResultColumn[] SchemaColumns =
    [
        new("schema", ColumnKind.String), new("cdc_ids", ColumnKind.String), new("grain", ColumnKind.String),
        new("time_field", ColumnKind.String), new("geography", ColumnKind.String), new("forms", ColumnKind.String),
        new("source", ColumnKind.String), new("title", ColumnKind.String),
    ];

    public static AnalysisResult Of(IEnumerable<DatasetInfo> datasets) =>
        new(Columns, datasets.Select(Row).ToList());

    /// <summary>One row per version, newest first: what each load was, and how many queued or running analyses pin it.</summary>
    public static AnalysisResult OfVersions(IEnumerable<DatasetVersionInfo> versions) => new(VersionColumns, versions.Select(v => (IReadOnlyList<object?>)
    [
        (long)v.Version, v.DataAsOf, v.DataAsOfBasis, AnalysisTables.Time(v.LoadTime), v.Source, v.RowCount,
        v.MinDate, v.MaxDate, Form(v.ExportForm), v.Synthetic ? "true" : "false", (long)v.ActiveAnalyses, v.Sha256,
    ]).ToList());

    public static AnalysisResult OfSchemas(IEnumerable<SchemaInfo> schemas) => new(SchemaColumns, schemas.Select(s => (IReadOnlyList<object?>)
    [
        s.Name, string.Join(" ", s.CdcIds), s.Grain, s.TimeField,
        s.GeographyField.Length == 0 ? "" : $"{s.GeographyField} ({string.Join(", ", s.GeoLevels)})",
        string.Join(" ", s.ExportForms.Select(Form)), s.Source, s.Title,
    ]).ToList());

    /// <summary>One row per field: what it is for, what it counts, how it adds up.</summary>
    public static AnalysisResult Fields(IEnumerable<DatasetField> fields) => new(
    [
        new("field", ColumnKind.String), new("type", ColumnKind.String), new("role", ColumnKind.String), new("unit", ColumnKind.String),
        new("additivity", ColumnKind.String), new("dimension", ColumnKind.String), new("description", ColumnKind.String),
    ],
    fields.Select(f => (IReadOnlyList<object?>)
    [
        f.Name, f.Kind.ToString().ToUpperInvariant(), f.Role.ToString().ToLowerInvariant(), f.Unit, Additivity(f),
        f.IsDimension ? "true" : "false", f.Suppression.Length == 0 ? f.Description : $"{f.Description} ({f.Suppression})",
    ]).ToList());

    private static string Additivity(DatasetField field) => field.Role != FieldRole.Measure ? "" : field.Additivity switch
    {
        FieldAdditivity.TimeAndGeography => "time and geography",
        FieldAdditivity.GeographyOnly => "geography only",
        FieldAdditivity.NotAdditive => "never summed",
        _ => "",
    };

    private static string Form(ExportForm form) => form switch
    {
        ExportForm.RowsCsv => "rows.csv",
        ExportForm.Soda => "soda",
        _ => "",
    };

    private static IReadOnlyList<object?> Row(DatasetInfo d) =>
    [
        d.Name, d.Schema, d.Source, d.Synthetic ? "true" : "false", d.RowCount, d.SizeBytes,
        d.MinDate, d.MaxDate, AnalysisTables.Time(d.CreateTime),
        d.Owner.Length > 0 ? d.Owner : "(built in)", d.Shared ? "true" : "false", Form(d.ExportForm),
        (long)d.Version, (long)d.VersionCount, d.DataAsOf,
    ];
}
