using System.Globalization;
using Covid.SparkJob.Catalog;

namespace Covid.SparkJob.Datasets;

/// <summary>Checks one CSV cell against its schema field, the way the Parquet conversion will read it.</summary>
internal static class CsvFieldChecker
{
    /// <summary>Null when the cell is valid, else what is wrong with it.</summary>
    public static string? Problem(SchemaField field, ReadOnlySpan<char> cell, bool required)
    {
        if (cell.IsEmpty)
        {
            return required ? "is empty but required" : null;
        }
        return field.Type switch
        {
            FieldType.String => null,
            FieldType.Int64 => long.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                ? null : "is not an integer",
            FieldType.Double => double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
                ? null : "is not a number",
            FieldType.Date => TryDate(field, cell, out _) ? null : $"is not a date written {Pattern(field)}",
            FieldType.Timestamp => DateTime.TryParseExact(cell, field.CsvFormat ?? "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                ? null : $"is not a timestamp written {Pattern(field)}",
            _ => $"has an unsupported type {field.Type}",
        };
    }

    public static bool TryDate(SchemaField field, ReadOnlySpan<char> cell, out DateOnly date) =>
        DateOnly.TryParseExact(cell, field.CsvFormat ?? "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>The .NET pattern as people read it: MM/dd/yyyy → MM/DD/YYYY.</summary>
    internal static string Pattern(SchemaField field) =>
        (field.CsvFormat ?? "yyyy-MM-dd").Replace("yyyy", "YYYY", StringComparison.Ordinal).Replace("dd", "DD", StringComparison.Ordinal)
            .Replace("tt", "AM", StringComparison.Ordinal);
}
