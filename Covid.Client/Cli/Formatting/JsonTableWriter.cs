using System.Text.Encodings.Web;
using System.Text.Json;

namespace Covid.Cli.Formatting;

/// <summary>Writes a table as a JSON array with one object per row, keyed by column name.</summary>
internal static class JsonTableWriter
{
    // Relaxed escaping: this is terminal and file output, never embedded in HTML.
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(ResultTable table, TextWriter writer) => Write(writer, json => WriteRows(json, table));

    /// <summary>Writes what <paramref name="write"/> puts into a JSON writer, then a newline.</summary>
    public static void Write(TextWriter writer, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            write(json);
        }

        writer.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        writer.Write('\n');
    }

    /// <summary>The rows as an array of objects keyed by column name.</summary>
    public static void WriteRows(Utf8JsonWriter json, ResultTable table)
    {
        json.WriteStartArray();
        foreach (var row in table.Rows)
        {
            json.WriteStartObject();
            for (var c = 0; c < table.Columns.Count; c++)
            {
                json.WritePropertyName(table.Columns[c].Name);
                WriteCell(json, row[c]);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteCell(Utf8JsonWriter json, object? cell)
    {
        switch (cell)
        {
            case long l:
                json.WriteNumberValue(l);
                break;
            // JSON has no NaN or infinity; null is what readers of the array can handle.
            case double x when double.IsFinite(x):
                json.WriteNumberValue(x);
                break;
            case null or double:
                json.WriteNullValue();
                break;
            default:
                json.WriteStringValue(CellText.Exact(cell));
                break;
        }
    }
}
