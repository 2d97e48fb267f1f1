using System.Globalization;
using Covid.V1;
using V1 = Covid.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Covid.Client;

/// <summary>The one place proto messages become the SDK's own types.</summary>
internal static class ProtoMapping
{
    public static AnalysisInfo ToInfo(Analysis a) => new()
    {
        Name = a.Name,
        State = (AnalysisState)(int)a.State,
        Engine = (AnalysisEngine)(int)a.Engine,
        Dataset = a.Spec?.Dataset ?? "",
        SpecJson = a.Spec is null ? "" : SpecJson.Format(a.Spec),
        RequestId = NullIfEmpty(a.RequestId),
        CreateTime = Time(a.CreateTime),
        StartTime = Time(a.StartTime),
        EndTime = Time(a.EndTime),
        FailureReason = NullIfEmpty(a.FailureReason),
        ResultRowCount = a.ResultRowCount,
        HasPlot = a.HasPlot,
        ServedFromCache = a.ServedFromCache,
        Progress = a.Progress is null ? null : ToUpdate(a.Progress),
        DatasetVersion = ToVersion(a.DatasetVersion),
        CompareVersion = ToVersion(a.CompareVersion),
    };

    /// <summary>A version, or null for none (an analysis stored before versions existed).</summary>
    public static DatasetVersionInfo? ToVersion(DatasetVersion? v) => v is not { Dataset.Length: > 0 } ? null : new()
    {
        Dataset = v.Dataset,
        Version = v.Version,
        Sha256 = v.Sha256,
        Source = v.Source,
        DataAsOf = Day(v.DataAsOf),
        DataAsOfBasis = v.DataAsOfBasis,
        LoadTime = Time(v.LoadTime),
        Schema = v.Schema,
        ExportForm = (ExportForm)(int)v.ExportForm,
        RowCount = v.RowCount,
        SizeBytes = v.SizeBytes,
        MinDate = Day(v.MinDate),
        MaxDate = Day(v.MaxDate),
        Synthetic = v.Synthetic,
        ActiveAnalyses = v.ActiveAnalyses,
    };

    public static Progress ToUpdate(ProgressEvent e) => new()
    {
        Sequence = e.Sequence,
        Analysis = e.Analysis,
        Time = Time(e.Time),
        Stage = (ProgressStage)(int)e.Stage,
        State = (AnalysisState)(int)e.State,
        Fraction = e.Fraction,
        Message = e.Message,
        RowsScanned = e.RowsScanned,
        BytesScanned = e.BytesScanned,
        ExecutorsRunning = e.ExecutorsRunning,
        TasksCompleted = e.TasksCompleted,
        TasksTotal = e.TasksTotal,
        PodPhase = e.PodPhase,
        PodReason = e.PodReason,
    };

    public static DatasetInfo ToInfo(Dataset d) => new()
    {
        Name = d.Name,
        Schema = d.Schema,
        Source = d.Source,
        Synthetic = d.Synthetic,
        RowCount = d.RowCount,
        SizeBytes = d.SizeBytes,
        MinDate = Day(d.MinDate),
        MaxDate = Day(d.MaxDate),
        CreateTime = Time(d.CreateTime),
        Owner = d.Owner,
        Shared = d.Shared,
        Fields = d.Fields.Select(ToField).ToList(),
        ExportForm = (ExportForm)(int)d.ExportForm,
        MissingFields = d.MissingFields.ToList(),
        IgnoredColumns = d.IgnoredColumns.ToList(),
        Version = d.Version,
        Sha256 = d.Sha256,
        DataAsOf = Day(d.DataAsOf),
        VersionCount = d.VersionCount,
    };

    public static SchemaInfo ToSchema(Schema s) => new()
    {
        Name = s.Name,
        Title = s.Title,
        CdcIds = s.CdcIds.ToList(),
        ExportForms = s.ExportForms.Select(f => (ExportForm)(int)f).ToList(),
        RowsUrl = s.RowsUrl,
        SodaUrl = s.SodaUrl,
        Grain = s.Grain,
        GrainDescription = s.GrainDescription,
        TimeField = s.TimeField,
        GeographyField = s.GeographyField,
        GeoLevels = s.GeoLevels.ToList(),
        Source = s.Source,
        Fields = s.Fields.Select(ToField).ToList(),
    };

    private static Client.DatasetField ToField(V1.DatasetField f) => new(f.Name, (FieldKind)(int)f.Type, f.Dimension, f.Description)
    {
        Role = (FieldRole)(int)f.Role,
        Unit = f.Unit,
        Additivity = (FieldAdditivity)(int)f.Additivity,
        RowsColumn = f.RowsColumn,
        SodaColumn = f.SodaColumn,
        IsDerived = f.Derived,
        Suppression = f.Suppression,
    };

    public static Explanation ToExplanation(ExplainAnalysisResponse r) => new()
    {
        SpecJson = r.Spec is null ? "" : SpecJson.Format(r.Spec),
        Engine = (AnalysisEngine)(int)r.Engine,
        Columns = r.Columns.Select(c => new ResultColumn(c.Name, Kind(c))).ToList(),
        DuckDbSql = r.DuckdbSql,
        DuckDbParameters = r.DuckdbParameters.ToList(),
        SparkSql = r.SparkSql,
        DatasetVersion = ToVersion(r.DatasetVersion),
        CompareVersion = ToVersion(r.CompareVersion),
    };

    /// <summary>
    /// The wire's column-major table as an <see cref="AnalysisResult"/>, checking its shape. Takes
    /// the pages of a result in order (one today), so a paged GetResult appends the same way.
    /// </summary>
    public static AnalysisResult ToResult(string analysis, IReadOnlyList<Result> pages)
    {
        var first = pages[0];
        var columns = first.Columns.Select(c => new ResultColumn(c.Name, Kind(c))).ToList();
        var rowCount = checked((int)pages.Sum(p => p.RowCount));
        var cells = columns.Select(_ => new object?[rowCount]).ToArray();
        var offset = 0;
        foreach (var page in pages)
        {
            var rows = checked((int)page.RowCount);
            if (page.Columns.Count != columns.Count)
            {
                throw Malformed($"a page has {page.Columns.Count} columns, the first {columns.Count}");
            }
            for (var c = 0; c < columns.Count; c++)
            {
                var column = page.Columns[c];
                var count = column.Type switch
                {
                    Column.Types.Type.Int64 => column.Int64Values.Count,
                    Column.Types.Type.Double => column.DoubleValues.Count,
                    _ => column.StringValues.Count,
                };
                if (count != rows || (column.Nulls.Count != 0 && column.Nulls.Count != rows))
                {
                    throw Malformed($"column '{column.Name}' has {count} values and {column.Nulls.Count} null flags for {rows} rows");
                }
                for (var r = 0; r < rows; r++)
                {
                    cells[c][offset + r] = column.Nulls.Count != 0 && column.Nulls[r] ? null : Cell(column, r);
                }
            }
            offset += rows;
        }
        return new AnalysisResult(analysis, columns, cells, rowCount) { DatasetVersion = ToVersion(first.DatasetVersion), CompareVersion = ToVersion(first.CompareVersion) };
    }

    private static object Cell(Column column, int row) => column.Type switch
    {
        Column.Types.Type.Date => DateOnly.TryParseExact(column.StringValues[row], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw Malformed($"column '{column.Name}' row {row}: '{column.StringValues[row]}' is not a YYYY-MM-DD date"),
        Column.Types.Type.String => column.StringValues[row],
        Column.Types.Type.Int64 => column.Int64Values[row],
        Column.Types.Type.Double => column.DoubleValues[row],
        _ => throw Malformed($"column '{column.Name}' has no type"),
    };

    private static ColumnKind Kind(Column c) => c.Type switch
    {
        Column.Types.Type.Date => ColumnKind.Date,
        Column.Types.Type.String => ColumnKind.String,
        Column.Types.Type.Int64 => ColumnKind.Int64,
        Column.Types.Type.Double => ColumnKind.Double,
        _ => throw Malformed($"column '{c.Name}' has unknown type {c.Type}"),
    };

    private static CovidException Malformed(string what) =>
        new(StatusCode.DataLoss, $"The server sent a malformed result: {what}.");

    private static DateTimeOffset? Time(Timestamp? t) => t is null ? null : t.ToDateTimeOffset();

    private static DateOnly? Day(string s) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
