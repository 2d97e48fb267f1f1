using System.Globalization;

namespace Covid.Cli.Formatting;

/// <summary>Analyses as tables, so list and status share the table, CSV and JSON writers.</summary>
internal static class AnalysisTables
{
    private static readonly ResultColumn[] Columns =
    [
        new("name", ColumnKind.String), new("state", ColumnKind.String), new("engine", ColumnKind.String),
        new("dataset", ColumnKind.String), new("version", ColumnKind.Int64), new("created", ColumnKind.String), new("ended", ColumnKind.String),
        new("rows", ColumnKind.Int64), new("stage", ColumnKind.String), new("progress", ColumnKind.Double),
        new("message", ColumnKind.String), new("failure_reason", ColumnKind.String),
    ];

    // What status adds: where the analysis' numbers come from.
    private static readonly ResultColumn[] ProvenanceColumns =
    [
        new("data_as_of", ColumnKind.String), new("source", ColumnKind.String), new("sha256", ColumnKind.String),
        new("compared_with", ColumnKind.String),
    ];

    /// <summary>One row per analysis; with <paramref name="provenance"/>, also the data-as-of, source and hash of its dataset version.</summary>
    public static AnalysisResult Of(IEnumerable<AnalysisInfo> analyses, bool provenance = false) =>
        new(provenance ? [.. Columns, .. ProvenanceColumns] : Columns, analyses.Select(a => Row(a, provenance)).ToList());

    /// <summary>One analysis as field/value pairs, easier to read than one wide row.</summary>
    public static AnalysisResult Vertical(AnalysisInfo analysis)
    {
        var row = Row(analysis, provenance: true);
        var pairs = Columns.Concat(ProvenanceColumns).Select((c, i) => (IReadOnlyList<object?>)[c.Name, CellText.Readable(row[i])]).ToList();
        return new AnalysisResult([new("field", ColumnKind.String), new("value", ColumnKind.String)], pairs);
    }

    /// <summary>A time as ISO 8601 UTC, or null.</summary>
    public static string? Time(DateTimeOffset? t) =>
        t?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static IReadOnlyList<object?> Row(AnalysisInfo a, bool provenance)
    {
        var v = a.DatasetVersion;
        IReadOnlyList<object?> row =
        [
            a.Name, Names.Of(a.State), Names.Of(a.Engine), a.Dataset, v is null ? null : (long)v.Version, Time(a.CreateTime), Time(a.EndTime),
            a.ResultRowCount, a.Progress is null ? null : Names.Of(a.Progress.Stage), a.Progress?.Fraction,
            a.Progress?.Message, a.FailureReason,
        ];
        return provenance
            ? [.. row, v is null ? null : ProvenanceText.Day(v.DataAsOf), v?.Source, v?.Sha256, a.CompareVersion is { } c ? ProvenanceText.Line(c) : null]
            : row;
    }
}
