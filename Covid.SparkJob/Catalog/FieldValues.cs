using System.Globalization;

namespace Covid.SparkJob.Catalog;

/// <summary>
/// Parses spec values (always strings on the wire) into the CLR type of a field, so filters are
/// bound as typed parameters and never compared as text.
/// </summary>
public static class FieldValues
{
    /// <summary>The one date form specs use, whatever the dataset's CSV writes.</summary>
    public const string SpecDateFormat = "yyyy-MM-dd";

    public static bool TryParseSpecDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, SpecDateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>
    /// A filter value typed for <paramref name="field"/>: DateOnly (YYYY-MM-DD, or the CSV's own
    /// format), long, double or string. Returns false with a reason when it does not parse.
    /// </summary>
    public static bool TryParse(SchemaField field, string text, out object value, out string expected)
    {
        value = text;
        expected = "";
        switch (field.Type)
        {
            case FieldType.String:
                return true;
            case FieldType.Date:
                expected = "a date written YYYY-MM-DD";
                if (TryParseSpecDate(text, out var date)
                    || (field.CsvFormat is not null
                        && DateOnly.TryParseExact(text, field.CsvFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date)))
                {
                    value = date;
                    return true;
                }
                return false;
            case FieldType.Int64:
                expected = "an integer";
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                {
                    value = l;
                    return true;
                }
                return false;
            case FieldType.Double:
                expected = "a number";
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
                {
                    value = d;
                    return true;
                }
                return false;
            case FieldType.Timestamp:
                expected = "a timestamp written YYYY-MM-DDTHH:MM:SS";
                if (DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var ts))
                {
                    value = ts;
                    return true;
                }
                return false;
            default:
                throw new ArgumentOutOfRangeException(nameof(field), field.Type, "unknown field type");
        }
    }
}
