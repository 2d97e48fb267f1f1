using System.Globalization;
using System.Text;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Sql;
using DuckDB.NET.Data;

namespace Covid.SparkJob.Ingestion;

/// <summary>
/// Converts a checked CSV (its header and data lines) to typed Parquet with DuckDB in one
/// parallel pass. Because <see cref="CsvCheck"/> has already held every cell to the schema's exact
/// forms, DuckDB may parse the plain ones natively (integers, numbers, text, and dates and
/// timestamps in the file's one date and one timestamp pattern), which reads them exactly as the
/// check did; the rest (null tokens, several patterns, MMWR weeks) are read as text and converted
/// by the same expressions a CSV read in place uses (<see cref="DuckDbSource"/>). Types never
/// depend on DuckDB's sniffing.
/// </summary>
internal static class ParquetConverter
{
    /// <summary>
    /// Writes <paramref name="parquetPath"/> from <paramref name="csvPaths"/> (files, or pipes read to
    /// their ends, each with the header line) and returns the rows it holds. DuckDB reads several
    /// inputs at once, one thread each: a pipe cannot be split among its threads as a file is.
    /// </summary>
    /// <param name="readBufferBytes">DuckDB's CSV read buffer (its buffer_size), when not its default of 16 of its longest lines.</param>
    public static long Convert(DatasetSchema schema, FileLayout layout, IReadOnlyList<string> csvPaths, string parquetPath, string memoryLimit, int? readBufferBytes = null)
    {
        var spill = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(parquetPath))!, Path.GetFileName(parquetPath) + ".spill");
        try
        {
            return Convert(schema, layout, csvPaths, parquetPath, spill, memoryLimit, readBufferBytes);
        }
        finally
        {
            if (Directory.Exists(spill))
            {
                Directory.Delete(spill, recursive: true);
            }
        }
    }

    private static long Convert(DatasetSchema schema, FileLayout layout, IReadOnlyList<string> csvPaths, string parquetPath, string spill, string memoryLimit, int? readBufferBytes)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        // Rows need not keep the file's order (every analysis groups or orders them): without that
        // promise DuckDB streams to the Parquet file instead of holding rows back to order them.
        command.CommandText = $"SET memory_limit = {DuckDbDialect.StringLiteral(memoryLimit)}; SET temp_directory = {DuckDbDialect.StringLiteral(spill)}; SET preserve_insertion_order = false";
        command.ExecuteNonQuery();
        command.CommandText = CopySql(schema, layout, csvPaths, parquetPath, readBufferBytes);
        command.ExecuteNonQuery();
        command.CommandText = $"SELECT CAST(COALESCE(SUM(num_rows), 0) AS BIGINT) FROM parquet_file_metadata({DuckDbDialect.StringLiteral(parquetPath)})";
        return System.Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    internal static string CopySql(DatasetSchema schema, FileLayout layout, IReadOnlyList<string> csvPaths, string parquetPath, int? readBufferBytes = null)
    {
        var native = new NativeColumns(schema, layout);
        var columns = string.Join(", ", layout.Columns.Select(c => $"{DuckDbDialect.StringLiteral(c)}: '{native.SqlType(c)}'"));
        var select = string.Join(",\n    ", schema.StoredFields.Select(f =>
            (native.Reads(f) ? DuckDbDialect.Identifier(f.Column(layout.Form)!) : DuckDbSource.TypedField(schema, layout, f)) + " AS " + DuckDbDialect.Identifier(f.Name)));
        return new StringBuilder()
            .Append("COPY (\n  SELECT ").Append(select).Append('\n')
            .Append("  FROM read_csv([").Append(string.Join(", ", csvPaths.Select(DuckDbDialect.StringLiteral))).Append(']')
            .Append(", header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', skip = 0")
            .Append(native.Formats)
            .Append(readBufferBytes is { } buffer ? string.Create(CultureInfo.InvariantCulture, $", buffer_size = {buffer}") : "")
            .Append(", columns = {").Append(columns).Append("})\n) TO ")
            // LZ4 (Parquet's LZ4_RAW, which Spark 3.3+ reads): on 1M state rows a quarter less CPU per
            // analysis than zstd (11.4 against 15.2 ms) for a file a quarter larger (15.6 against 12.3 MB).
            // No bloom filters: they let a reader skip a row group that lacks the value looked for,
            // but CDC's exports are ordered by date if at all, so a row group holds nearly every
            // place and category and none is skipped (min/max statistics, which skip a date range's
            // row groups, stay). Without them the file is 6% smaller (10M state rows: 143.5 against
            // 153.7 MB) and a filtered weekly query on 3M rows took 2–7% less CPU (three rounds).
            .Append(DuckDbDialect.StringLiteral(parquetPath)).Append(" (FORMAT parquet, COMPRESSION lz4, WRITE_BLOOM_FILTER false)")
            .ToString();
    }

    /// <summary>Which file columns DuckDB's CSV reader types itself, and with which date and timestamp format.</summary>
    private sealed class NativeColumns
    {
        private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);
        private readonly HashSet<SchemaField> _fields = [];
        private readonly string? _date;
        private readonly string? _timestamp;

        public NativeColumns(DatasetSchema schema, FileLayout layout)
        {
            var sources = schema.Fields.Select(f => f.DerivedFrom).OfType<MmwrWeekEnd>().SelectMany(m => m.Sources).ToHashSet(StringComparer.Ordinal);
            var plain = schema.CsvFields.Where(f => layout.IndexOf(f) >= 0 && f.NullTokens.Count == 0 && !sources.Contains(f.Name)).ToList();
            _date = OnlyPattern(plain, FieldType.Date, layout.Form);
            _timestamp = OnlyPattern(plain, FieldType.Timestamp, layout.Form);
            foreach (var field in plain)
            {
                var type = field.Type switch
                {
                    FieldType.String => "VARCHAR",
                    FieldType.Int64 => "BIGINT",
                    FieldType.Double => "DOUBLE",
                    FieldType.Date when Single(field, layout.Form) == _date => "DATE",
                    FieldType.Timestamp when Single(field, layout.Form) == _timestamp => "TIMESTAMP",
                    _ => null,
                };
                if (type is not null)
                {
                    _types[field.Column(layout.Form)!] = type;
                    _fields.Add(field);
                }
            }
        }

        public string Formats =>
            (_date is null ? "" : $", dateformat = {DuckDbDialect.StringLiteral(StrptimeFormat.From(_date))}")
            + (_timestamp is null ? "" : $", timestampformat = {DuckDbDialect.StringLiteral(StrptimeFormat.From(_timestamp))}");

        public bool Reads(SchemaField field) => _fields.Contains(field);

        public string SqlType(string column) => _types.GetValueOrDefault(column, "VARCHAR");

        /// <summary>The pattern most fields of the type are written in, when each of them has just one (without a time of day, for dates).</summary>
        private static string? OnlyPattern(IEnumerable<SchemaField> fields, FieldType type, ExportForm form) =>
            fields.Where(f => f.Type == type).Select(f => Single(f, form)).Where(p => p is not null && (type != FieldType.Date || !DatePatterns.HasTime(p)))
                .GroupBy(p => p).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();

        private static string? Single(SchemaField field, ExportForm form) => field.DatePatternsIn(form) is [var only] ? only : null;
    }
}
