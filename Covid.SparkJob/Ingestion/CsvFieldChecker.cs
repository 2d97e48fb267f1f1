using System.Globalization;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;

namespace Covid.SparkJob.Ingestion;

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
            FieldType.Date => TryDate(field, cell, out _) ? null : $"is not a date written {field.WrittenAs}",
            FieldType.Timestamp => DateTime.TryParseExact(cell, field.CsvFormat ?? "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                ? null : $"is not a timestamp written {field.WrittenAs}",
            _ => $"has an unsupported type {field.Type}",
        };
    }

    public static bool TryDate(SchemaField field, ReadOnlySpan<char> cell, out DateOnly date) =>
        DateOnly.TryParseExact(cell, field.CsvFormat ?? "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
