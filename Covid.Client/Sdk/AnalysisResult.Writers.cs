using System.Text.Encodings.Web;
using System.Text.Json;

namespace Covid.Client;

public sealed partial class AnalysisResult
{
    // Relaxed escaping: terminal and file output, never embedded in HTML.
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Writes RFC 4180 CSV: a header of column names, then one line per row; dates YYYY-MM-DD,
    /// invariant-culture numbers, null as an empty field, quotes only where a field needs them.
    /// </summary>
    public void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(string.Join(',', Columns.Select(c => CsvField(c.Name))));
        writer.Write('\n');
        for (var r = 0; r < RowCount; r++)
        {
            for (var c = 0; c < Columns.Count; c++)
            {
                if (c > 0)
                {
                    writer.Write(',');
                }
                writer.Write(CsvField(ResultCells.Exact(cells[c][r])));
            }
            writer.Write('\n');
        }
    }

    /// <summary>Writes a JSON array with one object per row keyed by column name; null (and NaN or infinity, which JSON lacks) as null.</summary>
    public void WriteJson(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartArray();
            for (var r = 0; r < RowCount; r++)
            {
                json.WriteStartObject();
                for (var c = 0; c < Columns.Count; c++)
                {
                    json.WritePropertyName(Columns[c].Name);
                    WriteJsonCell(json, cells[c][r]);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        writer.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        writer.Write('\n');
    }

    /// <summary>Writes the table as one Parquet file (one row group, typed columns: DATE, string, INT64, DOUBLE, all nullable).</summary>
    public Task WriteParquetAsync(Stream stream, CancellationToken cancellationToken = default) =>
        ResultParquet.WriteAsync(this, stream, cancellationToken);

    /// <summary>Quotes a field only when it must be: it holds a comma, a quote or a line break.</summary>
    internal static string CsvField(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void WriteJsonCell(Utf8JsonWriter json, object? cell)
    {
        switch (cell)
        {
            case long l:
                json.WriteNumberValue(l);
                break;
            case double x when double.IsFinite(x):
                json.WriteNumberValue(x);
                break;
            case null or double:
                json.WriteNullValue();
                break;
            default:
                json.WriteStringValue(ResultCells.Exact(cell));
                break;
        }
    }
}
