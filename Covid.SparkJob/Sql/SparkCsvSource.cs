using System.Text;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;

namespace Covid.SparkJob.Sql;

/// <summary>
/// Spark views over a CSV registered in place: the file read as text columns (no schema inference,
/// so types never depend on a sample), then a typed view converting each field exactly as the
/// catalog says — the same SELECT list as DuckDbSource's typed read_csv (<see cref="TypedColumns"/>).
/// A cell that does not convert fails the job via raise_error, as DuckDB's error() does, instead of
/// becoming a silent NULL (try_cast and try_to_timestamp return NULL on bad input, ANSI or not).
/// </summary>
internal static class SparkCsvSource
{
    public const string RawViewName = "dataset_csv";

    /// <param name="rawViewName">The text view's name: another for a second version read in place.</param>
    public static string Views(DatasetSchema schema, FileLayout layout, string csvPath, string viewName, string rawViewName = RawViewName)
    {
        if (!schema.SupportsInPlace)
        {
            // Spark's CSV reader can neither skip title lines nor stop at a footer.
            throw new InvalidOperationException($"{schema.Name} cannot be read in place (title lines or a footer); it must be converted to Parquet");
        }
        var raw = SparkSqlDialect.Identifier(rawViewName);
        var sb = new StringBuilder();
        // header: names come from the file; the typed view selects them by the layout's header names,
        // so a SODA file's columns may come in any order. quote/escape '"': RFC 4180 doubling, as
        // data.cdc.gov writes it. nullValue '': an empty cell is NULL, as at ingestion. mode FAILFAST
        // (with SparkSessionConfs' column pruning and CSV filter pushdown off): a row with the wrong
        // number of cells stops the job. multiLine 'false': one record per line, so large files split
        // across tasks; a quoted line break splits its record into rows of the wrong length, which
        // FAILFAST refuses, and DuckDB refuses the same file (DuckDbSource.InPlace).
        sb.Append("CREATE OR REPLACE TEMPORARY VIEW ").Append(raw).Append(" USING csv OPTIONS (path ")
            .Append(SparkSqlDialect.StringLiteral(csvPath))
            .Append(", header 'true', inferSchema 'false', sep ',', quote '\"', escape '\"', nullValue '', multiLine 'false', mode 'FAILFAST');\n");
        sb.Append("CREATE OR REPLACE TEMPORARY VIEW ").Append(SparkSqlDialect.Identifier(viewName)).Append(" AS\nSELECT ")
            .AppendJoin(",\n  ", new Columns().Select(schema, layout))
            .Append("\nFROM ").Append(raw).Append(";\n");
        return sb.ToString();
    }

    private sealed class Columns : TypedColumns
    {
        protected override string Identifier(string name) => SparkSqlDialect.Identifier(name);

        protected override string Literal(string text) => SparkSqlDialect.StringLiteral(text);

        // regexp_like is java.util.regex find(): the shapes anchor themselves with \A and \z.
        protected override string Matches(string text, string shape) => $"regexp_like({text}, {Literal(shape)})";

        // Java DateTimeFormatter patterns (Spark 3 datetime patterns), not strptime's %m/%d/%Y.
        protected override string ParseTimestamp(string text, string pattern) =>
            $"try_to_timestamp({text}, {Literal(JavaDatePattern.From(pattern))})";

        protected override string Fail(string message) => $"raise_error({message})";

        protected override string DayOfWeek(string date) => SparkSqlDialect.DayOfWeek(date);

        protected override string AddDays(string date, string days) => SparkSqlDialect.AddDays(date, days);

        protected override string MakeDate(string year, int month, int day) => SparkSqlDialect.MakeDate(year, month, day);
    }
}
