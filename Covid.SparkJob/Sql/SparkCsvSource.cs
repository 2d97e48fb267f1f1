using System.Text;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;

namespace Covid.SparkJob.Sql;

/// <summary>
/// Spark views over a CSV registered in place: the file read as text columns (no schema inference,
/// so types never depend on a sample), then a typed view converting each field exactly as the
/// catalog says — the Spark twin of DuckDbSource's typed read_csv (<see cref="TypedColumns"/>). A
/// cell that does not convert fails the job via raise_error, as DuckDB's error() does, instead of
/// becoming a silent NULL (Spark's non-ANSI CAST and to_date return NULL on bad input).
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
        // data.cdc.gov writes it. mode FAILFAST: a row with the wrong number of cells stops the job.
        // nullValue '': an empty cell is NULL, as at ingestion.
        sb.Append("CREATE OR REPLACE TEMPORARY VIEW ").Append(raw).Append(" USING csv OPTIONS (path ")
            .Append(SparkSqlDialect.StringLiteral(csvPath))
            .Append(", header 'true', inferSchema 'false', sep ',', quote '\"', escape '\"', nullValue '', mode 'FAILFAST');\n");
        sb.Append("CREATE OR REPLACE TEMPORARY VIEW ").Append(SparkSqlDialect.Identifier(viewName)).Append(" AS\nSELECT ")
            .AppendJoin(",\n  ", new Columns().Select(schema, layout))
            .Append("\nFROM ").Append(raw).Append(";\n");
        return sb.ToString();
    }

    private sealed class Columns : TypedColumns
    {
        protected override string Identifier(string name) => SparkSqlDialect.Identifier(name);

        protected override string Literal(string text) => SparkSqlDialect.StringLiteral(text);

        // Spark's non-ANSI CAST truncates "12.5" to 12, so where decimals are allowed the digits are
        // checked first: only a zero fraction may go, as in DuckDB, which refuses "12.5" outright.
        protected override string ToInteger(string text, bool integralDecimal)
        {
            if (!integralDecimal)
            {
                return $"CAST({text} AS BIGINT)";
            }
            var digits = $"regexp_replace({text}, {Literal(ZeroFraction)}, '')";
            return $"CASE WHEN {digits} RLIKE {Literal("^[+-]?[0-9]+$")} THEN CAST({digits} AS BIGINT) END";
        }

        protected override string ToDouble(string text) => $"CAST({text} AS DOUBLE)";

        // Java DateTimeFormatter patterns (Spark 3 datetime patterns), not strptime's %m/%d/%Y.
        protected override string ToDate(string text, string pattern) =>
            $"to_date({text}, {Literal(JavaDatePattern.From(pattern))})";

        protected override string ToTimestamp(string text, string pattern) =>
            $"to_timestamp({text}, {Literal(JavaDatePattern.From(pattern))})";

        // Spark's dayofweek counts Sunday as 1 (DuckDB's as 0), and date_add and make_date take INT.
        protected override string WeekEnd(string year, string week)
        {
            var jan4 = $"make_date(CAST({year} AS INT), 1, 4)";
            return $"date_add({jan4}, CAST(7 * ({week} - 1) + 6 - (dayofweek({jan4}) - 1) AS INT))";
        }

        protected override string Checked(SchemaField field, ExportForm form, string text, string converted)
        {
            var message = $"column {field.Name}: '";
            return $"CASE WHEN {text} IS NULL THEN NULL WHEN {converted} IS NULL THEN raise_error(concat({Literal(message)}, {text}, {Literal("' " + Expected(field, form))})) ELSE {converted} END";
        }

        // The message Spark jobs have always given for dates; numbers are explained as in DuckDB.
        protected override string Expected(SchemaField field, ExportForm form) => field.Type is FieldType.Date or FieldType.Timestamp
            ? $"is not written {string.Join(" or ", field.Formats(form))}"
            : base.Expected(field, form);
    }
}
