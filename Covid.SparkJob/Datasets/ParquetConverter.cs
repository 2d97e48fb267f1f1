using System.Globalization;
using System.Text;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Planning;
using DuckDB.NET.Data;

namespace Covid.SparkJob.Datasets;

/// <summary>
/// Converts a validated CSV to typed Parquet with DuckDB: every column read as text and converted
/// explicitly by the schema, so the types never depend on DuckDB's CSV sniffing.
/// </summary>
internal static class ParquetConverter
{
    /// <summary>Writes <paramref name="parquetPath"/> and returns the rows it holds.</summary>
    public static long Convert(DatasetSchema schema, string csvPath, string parquetPath)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = CopySql(schema, csvPath, parquetPath);
        command.ExecuteNonQuery();
        command.CommandText = $"SELECT CAST(COALESCE(SUM(num_rows), 0) AS BIGINT) FROM parquet_file_metadata({DuckDbDialect.StringLiteral(parquetPath)})";
        return System.Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    internal static string CopySql(DatasetSchema schema, string csvPath, string parquetPath)
    {
        var columns = string.Join(", ", schema.Fields.Select(f => $"{DuckDbDialect.StringLiteral(f.Name)}: 'VARCHAR'"));
        var select = string.Join(",\n    ", schema.Fields.Select(f => $"{Conversion(f)} AS {DuckDbDialect.Identifier(f.Name)}"));
        return new StringBuilder()
            .Append("COPY (\n  SELECT ").Append(select).Append('\n')
            .Append("  FROM read_csv(").Append(DuckDbDialect.StringLiteral(csvPath))
            .Append(", header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', columns = {")
            .Append(columns).Append("})\n")
            .Append(") TO ").Append(DuckDbDialect.StringLiteral(parquetPath)).Append(" (FORMAT parquet, COMPRESSION zstd)")
            .ToString();
    }

    private static string Conversion(SchemaField field)
    {
        var column = DuckDbDialect.Identifier(field.Name);
        return field.Type switch
        {
            FieldType.String => column,
            FieldType.Int64 => $"CAST({column} AS BIGINT)",
            FieldType.Double => $"CAST({column} AS DOUBLE)",
            FieldType.Date => $"CAST(strptime({column}, {DuckDbDialect.StringLiteral(StrptimeFormat.From(field.CsvFormat ?? "yyyy-MM-dd"))}) AS DATE)",
            FieldType.Timestamp => $"strptime({column}, {DuckDbDialect.StringLiteral(StrptimeFormat.From(field.CsvFormat ?? "yyyy-MM-dd HH:mm:ss"))})",
            _ => throw new ArgumentOutOfRangeException(nameof(field), field.Type, "no Parquet conversion"),
        };
    }
}
