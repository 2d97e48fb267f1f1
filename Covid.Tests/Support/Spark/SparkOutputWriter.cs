using System.Globalization;
using System.Text;
using System.Text.Json;
using Covid.SparkJob.Results;
using Covid.SparkJob.Spark;

namespace Covid.Tests.Support.Spark;

/// <summary>
/// Writes a table as Spark's <c>INSERT OVERWRITE DIRECTORY … USING json</c> leaves it: JSON-lines
/// part files (rows dealt across them out of order, nulls written as null) and then _SUCCESS.
/// </summary>
internal static class SparkOutputWriter
{
    public static void Write(string directory, ResultTable table, int partFiles = 3)
    {
        Directory.CreateDirectory(directory);
        var job = Guid.NewGuid().ToString();
        var parts = Enumerable.Range(0, partFiles).Select(_ => new StringBuilder()).ToArray();
        // Reversed and dealt round-robin: no file, and no concatenation of files, is in the table's order.
        var rows = table.Rows.Reverse().ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            parts[i % partFiles].Append(Line(table.Columns, rows[i])).Append('\n');
        }
        for (var p = 0; p < partFiles; p++)
        {
            File.WriteAllText(Path.Combine(directory, $"part-{p:D5}-{job}-c000.json"), parts[p].ToString());
        }
        File.WriteAllText(Path.Combine(directory, SparkResultReader.SuccessMarker), "");
    }

    private static string Line(IReadOnlyList<ResultColumn> columns, object?[] row)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            for (var c = 0; c < columns.Count; c++)
            {
                json.WritePropertyName(columns[c].Name);
                switch (row[c])
                {
                    case null:
                        json.WriteNullValue();
                        break;
                    case DateOnly d:
                        json.WriteStringValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                        break;
                    case string s:
                        json.WriteStringValue(s);
                        break;
                    case long l:
                        json.WriteNumberValue(l);
                        break;
                    case double x when !double.IsFinite(x):
                        json.WriteStringValue(double.IsNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity");
                        break;
                    case double x:
                        json.WriteNumberValue(x);
                        break;
                    default:
                        throw new InvalidOperationException($"no Spark JSON for {row[c]!.GetType().Name}");
                }
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
