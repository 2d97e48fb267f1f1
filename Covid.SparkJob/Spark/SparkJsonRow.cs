using System.Globalization;
using System.Text.Json;
using Covid.SparkJob.Results;

namespace Covid.SparkJob.Spark;

/// <summary>One JSON line of Spark's output as a row of the plan's columns (dates "yyyy-MM-dd", nulls kept).</summary>
internal static class SparkJsonRow
{
    public static object?[] Decode(string line, IReadOnlyList<ResultColumn> columns)
    {
        using var document = JsonDocument.Parse(line);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("a row is not a JSON object");
        }
        var row = new object?[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            // A column Spark left out is null: without ignoreNullFields=false Spark drops null fields.
            row[i] = document.RootElement.TryGetProperty(columns[i].Name, out var value)
                ? Value(value, columns[i])
                : null;
        }
        return row;
    }

    private static object? Value(JsonElement value, ResultColumn column)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return column.Type switch
        {
            ColumnType.Date => DateOnly.ParseExact(Expect(value, JsonValueKind.String, column).GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            ColumnType.String => Expect(value, JsonValueKind.String, column).GetString(),
            ColumnType.Int64 => Expect(value, JsonValueKind.Number, column).GetInt64(),
            ColumnType.Double => Double(value, column),
            _ => throw new FormatException($"column \"{column.Name}\" has no decoder for {column.Type}"),
        };
    }

    // Spark writes NaN and infinities as strings in JSON.
    private static double Double(JsonElement value, ResultColumn column) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when value.GetString() is "NaN" => double.NaN,
        JsonValueKind.String when value.GetString() is "Infinity" => double.PositiveInfinity,
        JsonValueKind.String when value.GetString() is "-Infinity" => double.NegativeInfinity,
        _ => throw new FormatException($"column \"{column.Name}\": expected a number, got {value.ValueKind}"),
    };

    private static JsonElement Expect(JsonElement value, JsonValueKind kind, ResultColumn column) =>
        value.ValueKind == kind
            ? value
            : throw new FormatException($"column \"{column.Name}\" ({column.Type}): expected {kind}, got {value.ValueKind}");
}
