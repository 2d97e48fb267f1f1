using System.Text.Encodings.Web;
using System.Text.Json;

namespace Covid.Cli.Formatting;

/// <summary>Writes an <see cref="Explanation"/> as readable sections or as one JSON object.</summary>
internal static class ExplanationWriter
{
    public static void WriteText(Explanation e, TextWriter writer)
    {
        writer.WriteLine($"engine: {Names.Of(e.Engine)}");
        if (e.DatasetVersion is { } version)
        {
            writer.WriteLine("reads: " + ProvenanceText.Line(version));
        }
        if (e.CompareVersion is { } compared)
        {
            writer.WriteLine("compared with: " + ProvenanceText.Line(compared));
        }
        writer.WriteLine("columns:");
        var width = e.Columns.Select(c => c.Name.Length).DefaultIfEmpty(0).Max();
        foreach (var column in e.Columns)
        {
            writer.WriteLine($"  {column.Name.PadRight(width)}  {column.Kind.ToString().ToUpperInvariant()}");
        }

        writer.WriteLine("duckdb sql:");
        WriteIndented(writer, e.DuckDbSql);
        writer.WriteLine("duckdb parameters:");
        for (var i = 0; i < e.DuckDbParameters.Count; i++)
        {
            writer.WriteLine($"  ${i + 1} = {e.DuckDbParameters[i]}");
        }

        writer.WriteLine("spark sql:");
        WriteIndented(writer, e.SparkSql);
        writer.Flush();
    }

    public static void WriteJson(Explanation e, TextWriter writer)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("engine", Names.Of(e.Engine));
            ProvenanceText.WriteProperties(json, e.DatasetVersion, e.CompareVersion);
            json.WriteStartArray("columns");
            foreach (var column in e.Columns)
            {
                json.WriteStartObject();
                json.WriteString("name", column.Name);
                json.WriteString("type", column.Kind.ToString().ToUpperInvariant());
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("duckdbSql", e.DuckDbSql);
            json.WriteStartArray("duckdbParameters");
            foreach (var parameter in e.DuckDbParameters)
            {
                json.WriteStringValue(parameter);
            }

            json.WriteEndArray();
            json.WriteString("sparkSql", e.SparkSql);
            json.WritePropertyName("spec");
            json.WriteRawValue(e.SpecJson.Length == 0 ? "null" : e.SpecJson);
            json.WriteEndObject();
        }

        writer.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        writer.Write('\n');
        writer.Flush();
    }

    private static void WriteIndented(TextWriter writer, string text)
    {
        foreach (var line in text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'))
        {
            writer.WriteLine("  " + line);
        }
    }
}
