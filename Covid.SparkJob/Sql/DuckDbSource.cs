using System.Text;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Planning;

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
            DatasetStorage.CsvInPlace => "(" + TypedCsv(dataset.Schema, dataset.OriginalPath, dataset.Schema.TitleLines) + ") AS " + DuckDbDialect.Identifier("dataset"),
            _ => throw new ArgumentOutOfRangeException(nameof(dataset), dataset.Storage, "unknown storage"),
        };
    }

    /// <summary>
    /// SELECT of every schema field, typed, from the CSV at <paramref name="csvPath"/> whose header
    /// is preceded by <paramref name="skipLines"/> lines. All columns are read as VARCHAR and
    /// converted explicitly, so types never depend on DuckDB's sniffing; a cell that does not
    /// convert fails the query with a message naming the column and the text.
    /// </summary>
    internal static string TypedCsv(DatasetSchema schema, string csvPath, int skipLines)
    {
        var columns = string.Join(", ", schema.CsvFields.Select(f => $"{DuckDbDialect.StringLiteral(f.HeaderName)}: 'VARCHAR'"));
        var select = string.Join(",\n    ", schema.Fields.Select(f => $"{Conversion(schema, f)} AS {DuckDbDialect.Identifier(f.Name)}"));
        return new StringBuilder()
            .Append("SELECT ").Append(select).Append('\n')
            .Append("  FROM read_csv(").Append(DuckDbDialect.StringLiteral(csvPath))
            .Append(", header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', skip = ")
            .Append(skipLines.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Append(", columns = {").Append(columns).Append("})")
            .ToString();
    }

    private static string Conversion(DatasetSchema schema, SchemaField field)
    {
        if (field.DerivedFrom is { } mmwr)
        {
            // The Saturday ending the MMWR week: week 1 is the Sunday-started week holding January 4.
            var year = Text(schema.Field(mmwr.YearField) ?? throw Missing(schema, mmwr.YearField));
            var week = Text(schema.Field(mmwr.WeekField) ?? throw Missing(schema, mmwr.WeekField));
            var y = $"CAST({year} AS INTEGER)";
            var jan4 = $"make_date({y}, 1, 4)";
            return $"CAST({jan4} - CAST(dayofweek({jan4}) AS INTEGER) + 7 * (CAST({week} AS INTEGER) - 1) + 6 AS DATE)";
        }
        var text = Text(field);
        var failure = $"error({DuckDbDialect.StringLiteral($"column {field.Name}: '")} || {text} || {DuckDbDialect.StringLiteral("' " + Expected(field))})";
        return field.Type switch
        {
            FieldType.String => text,
            FieldType.Int64 => Checked(text, $"TRY_CAST({text} AS BIGINT)", failure),
            FieldType.Double => Checked(text, $"TRY_CAST({text} AS DOUBLE)", failure),
            FieldType.Date => Checked(text, $"CAST(try_strptime({text}, {DuckDbDialect.StringLiteral(StrptimeFormat.From(field.CsvFormat ?? "yyyy-MM-dd"))}) AS DATE)", failure),
            FieldType.Timestamp => Checked(text, $"try_strptime({text}, {DuckDbDialect.StringLiteral(StrptimeFormat.From(field.CsvFormat ?? "yyyy-MM-dd HH:mm:ss"))})", failure),
            _ => throw new ArgumentOutOfRangeException(nameof(field), field.Type, "no conversion"),
        };
    }

    /// <summary>The cell as text, NULL for the empty cell and for the field's null tokens.</summary>
    private static string Text(SchemaField field)
    {
        var text = DuckDbDialect.Identifier(field.HeaderName);
        foreach (var token in field.NullTokens)
        {
            text = $"NULLIF({text}, {DuckDbDialect.StringLiteral(token)})";
        }
        return text;
    }

    private static string Checked(string text, string converted, string failure) =>
        $"CASE WHEN {text} IS NULL THEN NULL ELSE COALESCE({converted}, {failure}) END";

    private static string Expected(SchemaField field) => field.Type switch
    {
        FieldType.Int64 => "is not an integer",
        FieldType.Double => "is not a number",
        FieldType.Date => $"is not a date written {field.WrittenAs}",
        FieldType.Timestamp => $"is not a timestamp written {field.WrittenAs}",
        _ => "is not valid",
    };

    private static InvalidOperationException Missing(DatasetSchema schema, string name) =>
        new($"schema {schema.Name} derives a field from '{name}', which it does not have");
}
