using System.Globalization;
using System.Text;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;

namespace Covid.SparkJob.Sql;

/// <summary>
/// The DuckDB table expression a dataset is read through: its typed Parquet copy, or for a CSV
/// registered in place a typed subquery over the CSV read as text. Every identifier and conversion
/// comes from the catalog; only paths (server-chosen) are quoted in as literals.
/// </summary>
public static class DuckDbSource
{
    /// <summary>The column of a CSV read in place that is TRUE for a row on one line and fails the query otherwise.</summary>
    internal const string OneRecordColumn = ReservedColumns.Prefix + "one_record";

    public static string For(DatasetInfo dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return dataset.Storage switch
        {
            DatasetStorage.Parquet => $"read_parquet({DuckDbDialect.StringLiteral(dataset.ParquetPath)})",
            DatasetStorage.CsvInPlace => "(" + InPlace(dataset.Schema, dataset.FileLayout, dataset.OriginalPath) + ") AS " + DuckDbDialect.Identifier("dataset"),
            _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset.Storage, "unknown storage"),
        };
    }

    /// <summary>
    /// SELECT of every stored schema field, typed, from the CSV at <paramref name="csvPath"/> laid
    /// out as <paramref name="layout"/>, whose header is preceded by <paramref name="skipLines"/>
    /// lines. All columns are read as VARCHAR and converted explicitly, so types never depend on
    /// DuckDB's sniffing.
    /// </summary>
    internal static string TypedCsv(DatasetSchema schema, FileLayout layout, string csvPath, int skipLines) =>
        Typed(schema, layout, ReadCsv(layout, csvPath, skipLines));

    /// <summary>
    /// As <see cref="TypedCsv"/> for a CSV analysed where it lies, which Spark reads one line per
    /// record (multiLine off): a row whose quoted cell holds a line break fails here too, in every
    /// row and whichever columns the analysis reads. Each cell is passed on only through the row's
    /// check, so a filter or a column the optimizer moves still evaluates it, and the WHERE makes
    /// a query that reads no column evaluate it as well.
    /// </summary>
    internal static string InPlace(DatasetSchema schema, FileLayout layout, string csvPath)
    {
        if (layout.Columns.Contains(OneRecordColumn))
        {
            throw new InvalidOperationException($"the CSV has a column named {OneRecordColumn}, a name the reader keeps for itself");
        }
        var check = Q(OneRecordColumn);
        var cells = $"concat({string.Join(", ", layout.Columns.Select(Q))})";
        var failure = $"error(concat({DuckDbDialect.StringLiteral("a quoted cell holds a line break, and a CSV read in place must hold one record per line (Spark reads it line by line): ")}, left({cells}, 200)))";
        var records = $"SELECT *, CASE WHEN regexp_matches({cells}, {DuckDbDialect.StringLiteral(@"[\r\n]")}) THEN {failure} ELSE TRUE END AS {check}\n" +
                      $"    FROM {ReadCsv(layout, csvPath, schema.TitleLines)}";
        var lines = $"SELECT {string.Join(", ", layout.Columns.Select(c => $"CASE WHEN {check} THEN {Q(c)} END AS {Q(c)}"))}\n" +
                    $"  FROM ({records}) AS {Q("records")}\n  WHERE {check}";
        return Typed(schema, layout, $"({lines}) AS {Q("lines")}");
    }

    private static string Typed(DatasetSchema schema, FileLayout layout, string from) =>
        "SELECT " + string.Join(",\n    ", new Columns().Select(schema, layout)) + "\n  FROM " + from;

    // Every column of the file, in file order: read_csv maps the declared columns by position.
    // strict_mode: a row with too few or too many cells, or a quote left open, fails the query.
    private static string ReadCsv(FileLayout layout, string csvPath, int skipLines) =>
        new StringBuilder()
            .Append("read_csv(").Append(DuckDbDialect.StringLiteral(csvPath))
            .Append(", header = true, auto_detect = false, strict_mode = true, delim = ',', quote = '\"', escape = '\"', skip = ")
            .Append(skipLines.ToString(CultureInfo.InvariantCulture))
            .Append(", columns = {").AppendJoin(", ", layout.Columns.Select(c => $"{DuckDbDialect.StringLiteral(c)}: 'VARCHAR'")).Append("})")
            .ToString();

    private static string Q(string name) => DuckDbDialect.Identifier(name);

    /// <summary>One stored field, typed from the CSV's text columns as <see cref="TypedCsv"/> reads it (the Parquet conversion's fallback for fields DuckDB cannot read natively).</summary>
    internal static string TypedField(DatasetSchema schema, FileLayout layout, SchemaField field) => new Columns().Typed(schema, layout, field);

    private sealed class Columns : TypedColumns
    {
        protected override string Identifier(string name) => DuckDbDialect.Identifier(name);

        protected override string Literal(string text) => DuckDbDialect.StringLiteral(text);

        protected override string Matches(string text, string shape) => $"regexp_matches({text}, {Literal(shape)})";

        protected override string ParseTimestamp(string text, string pattern) =>
            $"try_strptime({text}, {Literal(StrptimeFormat.From(pattern))})";

        protected override string Fail(string message) => $"error({message})";

        protected override string DayOfWeek(string date) => DuckDbDialect.DayOfWeek(date);

        protected override string AddDays(string date, string days) => DuckDbDialect.AddDays(date, days);

        protected override string MakeDate(string year, int month, int day) => DuckDbDialect.MakeDate(year, month, day);
    }
}
