using System.Globalization;

namespace Covid.Cli.Formatting;

/// <summary>Analyses as tables, so list and status share the table, CSV and JSON writers.</summary>
internal static class AnalysisTables
{
    private static readonly ResultColumn[] Columns =
    [
        new("name", ColumnKind.String), new("state", ColumnKind.String), new("engine", ColumnKind.String),
        new("dataset", ColumnKind.String), new("created", ColumnKind.String), new("ended", ColumnKind.String),
        new("rows", ColumnKind.Int64), new("stage", ColumnKind.String), new("progress", ColumnKind.Double),
        new("message", ColumnKind.String), new("failure_reason", ColumnKind.String),
    ];

    /// <summary>One row per analysis.</summary>
    public static AnalysisResult Of(IEnumerable<AnalysisInfo> analyses) =>
        new(Columns, analyses.Select(Row).ToList());

    /// <summary>One analysis as field/value pairs, easier to read than one wide row.</summary>
    public static AnalysisResult Vertical(AnalysisInfo analysis)
    {
        var row = Row(analysis);
        var pairs = Columns.Select((c, i) => (IReadOnlyList<object?>)[c.Name, CellText.Readable(row[i])]).ToList();
        return new AnalysisResult([new("field", ColumnKind.String), new("value", ColumnKind.String)], pairs);
    }

    /// <summary>A time as ISO 8601 UTC, or null.</summary>
    public static string? Time(DateTimeOffset? t) =>
        t?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static IReadOnlyList<object?> Row(AnalysisInfo a) =>
    [
        a.Name, Names.Of(a.State), Names.Of(a.Engine), a.Dataset, Time(a.CreateTime), Time(a.EndTime),
        a.ResultRowCount, a.Progress is null ? null : Names.Of(a.Progress.Stage), a.Progress?.Fraction,
        a.Progress?.Message, a.FailureReason,
    ];
}
