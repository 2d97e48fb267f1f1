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
    public static string For(DatasetInfo dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return dataset.Storage switch
        {
            DatasetStorage.Parquet => $"read_parquet({DuckDbDialect.StringLiteral(dataset.ParquetPath)})",
            DatasetStorage.CsvInPlace => "(" + TypedCsv(dataset.Schema, dataset.FileLayout, dataset.OriginalPath, dataset.Schema.TitleLines) + ") AS " + DuckDbDialect.Identifier("dataset"),
            _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset.Storage, "unknown storage"),
        };
    }

    /// <summary>
    /// SELECT of every stored schema field, typed, from the CSV at <paramref name="csvPath"/> laid
    /// out as <paramref name="layout"/>, whose header is preceded by <paramref name="skipLines"/>
    /// lines. All columns are read as VARCHAR and converted explicitly, so types never depend on
    /// DuckDB's sniffing.
    /// </summary>
    internal static string TypedCsv(DatasetSchema schema, FileLayout layout, string csvPath, int skipLines)
    {
        // Every column of the file, in file order: read_csv maps the declared columns by position.
        var columns = string.Join(", ", layout.Columns.Select(c => $"{DuckDbDialect.StringLiteral(c)}: 'VARCHAR'"));
        var select = string.Join(",\n    ", new Columns().Select(schema, layout));
        return new StringBuilder()
            .Append("SELECT ").Append(select).Append('\n')
            .Append("  FROM read_csv(").Append(DuckDbDialect.StringLiteral(csvPath))
            .Append(", header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', skip = ")
            .Append(skipLines.ToString(CultureInfo.InvariantCulture))
            .Append(", columns = {").Append(columns).Append("})")
            .ToString();
    }

    /// <summary>One stored field, typed from the CSV's text columns as <see cref="TypedCsv"/> reads it (the Parquet conversion's fallback for fields DuckDB cannot read natively).</summary>
    internal static string TypedField(DatasetSchema schema, FileLayout layout, SchemaField field) => new Columns().Typed(schema, layout, field);

    private sealed class Columns : TypedColumns
    {
        protected override string Identifier(string name) => DuckDbDialect.Identifier(name);

        protected override string Literal(string text) => DuckDbDialect.StringLiteral(text);

        protected override string ToInteger(string text, bool integralDecimal) =>
            integralDecimal ? $"TRY_CAST(regexp_replace({text}, {Literal(ZeroFraction)}, '') AS BIGINT)" : $"TRY_CAST({text} AS BIGINT)";

        protected override string ToDouble(string text) => $"TRY_CAST({text} AS DOUBLE)";

        protected override string ToDate(string text, string pattern) =>
            $"CAST(try_strptime({text}, {Literal(StrptimeFormat.From(pattern))}) AS DATE)";

        protected override string ToTimestamp(string text, string pattern) =>
            $"try_strptime({text}, {Literal(StrptimeFormat.From(pattern))})";

        // The Saturday ending the MMWR week: week 1 is the Sunday-started week holding January 4 (dayofweek: Sunday = 0).
        protected override string WeekEnd(string year, string week)
        {
            var jan4 = $"make_date(CAST({year} AS INTEGER), 1, 4)";
            return $"CAST({jan4} - CAST(dayofweek({jan4}) AS INTEGER) + 7 * (CAST({week} AS INTEGER) - 1) + 6 AS DATE)";
        }

        protected override string Checked(SchemaField field, ExportForm form, string text, string converted)
        {
            var failure = $"error({Literal($"column {field.Name}: '")} || {text} || {Literal("' " + Expected(field, form))})";
            return $"CASE WHEN {text} IS NULL THEN NULL ELSE COALESCE({converted}, {failure}) END";
        }
    }
}
