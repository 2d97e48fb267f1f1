using System.Globalization;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Sql;
using DuckDB.NET.Data;

namespace Covid.SparkJob.Ingestion;

/// <summary>
/// Converts a validated CSV to typed Parquet with DuckDB: every column read as text and converted
/// explicitly by the schema (<see cref="DuckDbSource"/>), so the types never depend on DuckDB's CSV
/// sniffing and the Parquet copy and a CSV read in place give the same values.
/// </summary>
internal static class ParquetConverter
{
    /// <summary>Writes <paramref name="parquetPath"/> and returns the rows it holds.</summary>
    public static long Convert(DatasetSchema schema, FileLayout layout, string csvPath, string parquetPath)
    {
        // DuckDB's reader cannot stop at a footer, so for such exports it reads a copy of just the
        // header and data lines, deleted straight after.
        var body = schema.FooterMarker is null ? null : parquetPath + ".body.csv";
        try
        {
            if (body is not null)
            {
                WriteBody(schema, csvPath, body);
            }
            using var connection = new DuckDBConnection("DataSource=:memory:");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = CopySql(schema, layout, body ?? csvPath, body is null ? schema.TitleLines : 0, parquetPath);
            command.ExecuteNonQuery();
            command.CommandText = $"SELECT CAST(COALESCE(SUM(num_rows), 0) AS BIGINT) FROM parquet_file_metadata({DuckDbDialect.StringLiteral(parquetPath)})";
            return System.Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        finally
        {
            if (body is not null)
            {
                File.Delete(body);
            }
        }
    }

    internal static string CopySql(DatasetSchema schema, FileLayout layout, string csvPath, int skipLines, string parquetPath) =>
        "COPY (\n  " + DuckDbSource.TypedCsv(schema, layout, csvPath, skipLines) + "\n) TO "
        + DuckDbDialect.StringLiteral(parquetPath) + " (FORMAT parquet, COMPRESSION zstd)";

    private static void WriteBody(DatasetSchema schema, string csvPath, string bodyPath)
    {
        using var file = new StreamReader(csvPath, detectEncodingFromByteOrderMarks: true);
        CsvLayout.SkipTitleLines(schema, file);
        using var bounded = new FooterBoundReader(file);
        using var output = new StreamWriter(bodyPath, append: false, new System.Text.UTF8Encoding(false));
        var buffer = new char[64 * 1024];
        int n;
        while ((n = bounded.Read(buffer, 0, buffer.Length)) > 0)
        {
            output.Write(buffer, 0, n);
        }
    }
}
