using System.Text;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Planning;

namespace Covid.SparkJob.Sql;

/// <summary>
/// Spark views over a CSV registered in place: the file read as text columns (no schema inference,
/// so types never depend on a sample), then a typed view converting each field exactly as the
/// catalog says — the Spark twin of DuckDbSource's typed read_csv. A cell that does not convert
/// fails the job via raise_error, as DuckDB's error() does, instead of becoming a silent NULL
/// (Spark's non-ANSI CAST and to_date return NULL on bad input).
/// </summary>
internal static class SparkCsvSource
{
    public const string RawViewName = "dataset_csv";

    public static string Views(DatasetSchema schema, string csvPath, string viewName)
    {
        if (!schema.SupportsInPlace)
        {
            // Spark's CSV reader can neither skip title lines nor stop at a footer.
            throw new InvalidOperationException($"{schema.Name} cannot be read in place (title lines or a footer); it must be converted to Parquet");
        }
        var raw = SparkSqlDialect.Identifier(RawViewName);
        var sb = new StringBuilder();
        // header: names come from the file; the typed view selects them by the catalog's header names.
        // quote/escape '"': RFC 4180 doubling, as data.cdc.gov writes it. mode FAILFAST: a row with the
        // wrong number of cells stops the job. nullValue '': an empty cell is NULL, as at ingestion.
        sb.Append("CREATE OR REPLACE TEMPORARY VIEW ").Append(raw).Append(" USING csv OPTIONS (path ")
            .Append(SparkSqlDialect.StringLiteral(csvPath))
            .Append(", header 'true', inferSchema 'false', sep ',', quote '\"', escape '\"', nullValue '', mode 'FAILFAST');\n");
        sb.Append("CREATE OR REPLACE TEMPORARY VIEW ").Append(SparkSqlDialect.Identifier(viewName)).Append(" AS\nSELECT ")
            .AppendJoin(",\n  ", schema.Fields.Select(f => $"{Conversion(f)} AS {SparkSqlDialect.Identifier(f.Name)}"))
            .Append("\nFROM ").Append(raw).Append(";\n");
        return sb.ToString();
    }

    private static string Conversion(SchemaField field)
    {
        if (field.IsDerived)
        {
            throw new InvalidOperationException($"field {field.Name} is derived at ingestion; its dataset must be converted to Parquet");
        }
        var text = Text(field);
        var converted = field.Type switch
        {
            FieldType.String => null,
            FieldType.Int64 => $"CAST({text} AS BIGINT)",
            FieldType.Double => $"CAST({text} AS DOUBLE)",
            // Java DateTimeFormatter patterns (Spark 3 datetime patterns), not strptime's %m/%d/%Y.
            FieldType.Date => $"to_date({text}, {SparkSqlDialect.StringLiteral(JavaDatePattern.From(field.CsvFormat ?? "yyyy-MM-dd"))})",
            FieldType.Timestamp => $"to_timestamp({text}, {SparkSqlDialect.StringLiteral(JavaDatePattern.From(field.CsvFormat ?? "yyyy-MM-dd HH:mm:ss"))})",
            _ => throw new ArgumentOutOfRangeException(nameof(field), field.Type, "no conversion"),
        };
        if (converted is null)
        {
            return text;
        }
        var message = $"column {field.Name}: '";
        return $"CASE WHEN {text} IS NULL THEN NULL WHEN {converted} IS NULL THEN raise_error(concat({SparkSqlDialect.StringLiteral(message)}, {text}, {SparkSqlDialect.StringLiteral("' " + Expected(field))})) ELSE {converted} END";
    }

    /// <summary>The cell as text, NULL for the empty cell (nullValue) and for the field's null tokens.</summary>
    private static string Text(SchemaField field)
    {
        var text = SparkSqlDialect.Identifier(field.HeaderName);
        foreach (var token in field.NullTokens)
        {
            text = $"nullif({text}, {SparkSqlDialect.StringLiteral(token)})";
        }
        return text;
    }

    private static string Expected(SchemaField field) => field.Type switch
    {
        FieldType.Int64 => "is not an integer",
        FieldType.Double => "is not a number",
        FieldType.Date or FieldType.Timestamp => $"is not written {field.CsvFormat}",
        _ => "is not valid",
    };
}
