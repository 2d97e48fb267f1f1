using System.Globalization;
using Covid.SparkJob.Catalog;

namespace Covid.SparkJob.Ingestion;

/// <summary>Checks one CSV cell against its schema field, the way the Parquet conversion will read it.</summary>
internal static class CsvFieldChecker
{
    /// <summary>Null when the cell is valid, else what is wrong with it.</summary>
    public static string? Problem(SchemaField field, ReadOnlySpan<char> cell, bool required, ExportForm form)
    {
        if (cell.IsEmpty)
        {
            return required ? "is empty but required" : null;
        }
        return field.Type switch
        {
            FieldType.String => null,
            FieldType.Int64 => TryInteger(field, cell, form, out _) ? null
                : field.AcceptsIntegralDecimal(form) ? "is not an integer (a decimal part must be zero, as in 800.0)" : "is not an integer",
            // No surrounding white space: the SQL conversion (CellShapes.Number) refuses it, in both engines.
            FieldType.Double => double.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
                ? null : "is not a number",
            FieldType.Date => TryDate(field, cell, form, out _) ? null : $"is not a date written {field.WrittenAs(form)}",
            FieldType.Timestamp => TryTimestamp(field, cell, form) ? null : $"is not a timestamp written {field.WrittenAs(form)}",
            _ => $"has an unsupported type {field.Type}",
        };
    }

    /// <summary>An integer, or where the form allows it a decimal whose fraction is zero ("800.0": SODA, RESP-NET's MMWR year).</summary>
    public static bool TryInteger(SchemaField field, ReadOnlySpan<char> cell, ExportForm form, out long value)
    {
        if (long.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }
        var point = cell.IndexOf('.');
        // The SQL conversion (CellShapes.IntegralDecimal) accepts exactly these and strips the zeros before its cast.
        return field.AcceptsIntegralDecimal(form) && point > 0 && point < cell.Length - 1
            && cell[(point + 1)..].IndexOfAnyExcept('0') < 0
            && long.TryParse(cell[..point], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// The date, by the first of the form's patterns that reads the whole cell. A pattern with a
    /// time of day (SODA's "2020-01-23T00:00:00.000") reads a timestamp and keeps its day, as the
    /// engines' CAST to DATE does.
    /// </summary>
    public static bool TryDate(SchemaField field, ReadOnlySpan<char> cell, ExportForm form, out DateOnly date)
    {
        foreach (var pattern in field.DatePatternsIn(form))
        {
            if (DatePatterns.HasTime(pattern))
            {
                if (DateTime.TryParseExact(cell, pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
                {
                    date = DateOnly.FromDateTime(time);
                    return true;
                }
            }
            else if (DateOnly.TryParseExact(cell, pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            {
                return true;
            }
        }
        date = default;
        return false;
    }

    private static bool TryTimestamp(SchemaField field, ReadOnlySpan<char> cell, ExportForm form)
    {
        foreach (var pattern in field.DatePatternsIn(form))
        {
            if (DateTime.TryParseExact(cell, pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                return true;
            }
        }
        return false;
    }
}
