namespace Covid.SparkJob.Catalog;

/// <summary>One field of a dataset schema, by the name specs use for it.</summary>
/// <param name="Name">The only identifier a spec may use: the SODA API field name for current
/// datasets, the export's own header for the older ones.</param>
/// <param name="Type">The typed value it is converted to at ingestion.</param>
/// <param name="Role">Time, geography, dimension or measure.</param>
/// <param name="Description">For people (describe, ListSchemas).</param>
public sealed record SchemaField(string Name, FieldType Type, FieldRole Role, string Description)
{
    /// <summary>True for fields to filter and group by: not measures, and not timestamps (a moment is no category).</summary>
    public bool Dimension => Role != FieldRole.Measure && Type != FieldType.Timestamp;

    public bool IsNumeric => Type is FieldType.Int64 or FieldType.Double;

    /// <summary>What a value counts or measures ("deaths", "admissions per 100,000", "%"); empty when not a measure.</summary>
    public string Unit { get; init; } = "";

    /// <summary>Along which axes SUM may add the field; every non-measure is <see cref="Additivity.None"/>.</summary>
    public Additivity Additivity { get; init; } = Additivity.None;

    /// <summary>The header in the rows.csv export; null when the schema has no such form or the field is derived.</summary>
    public string? RowsColumn { get; init; }

    /// <summary>The API field name in the SODA export; null when the schema has no such form or the field is derived.</summary>
    public string? SodaColumn { get; init; }

    /// <summary>
    /// How rows.csv writes a date or timestamp: .NET patterns such as "MM/dd/yyyy", tried in order;
    /// empty for ISO. For an int64, ["0.0"] when it is written with a zero decimal part ("2022.0").
    /// </summary>
    public IReadOnlyList<string> RowsFormats { get; init; } = [];

    /// <summary>How SODA writes it, e.g. ["yyyy-MM-dd'T'HH:mm:ss.fff", "yyyy-MM-dd"]; empty for ISO.</summary>
    public IReadOnlyList<string> SodaFormats { get; init; } = [];

    /// <summary>
    /// Cell texts that mean "no value" besides the empty cell (COVID-NET writes <c>null</c> for
    /// weeks after the download). Values such as "Missing"/"Unknown"/"NA" in case surveillance
    /// are categories, not nulls, and are never listed here.
    /// </summary>
    public IReadOnlyList<string> NullTokens { get; init; } = [];

    /// <summary>Set for a field computed instead of read from a CSV column.</summary>
    public FieldDerivation? DerivedFrom { get; init; }

    /// <summary>Set for counts CDC suppresses (an empty cell is a small count, not a zero or a gap).</summary>
    public Suppression? Suppression { get; init; }

    /// <summary>
    /// For a field whose values are levels of aggregation of the same rows (r8kw-7aab's "group":
    /// "By Week" rows beside the "By Month", "By Year" and "By Total" rows that total them): value →
    /// level. Rows of two levels are never added together.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Levels { get; init; }

    /// <summary>The levels whose rows have a value of the time field (r8kw-7aab: only "week").</summary>
    public IReadOnlyList<string> TimedLevels { get; init; } = [];

    /// <summary>The values CDC documents for a category (for people and generators; filters are not limited to them).</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    public bool IsDerived => DerivedFrom is not null;

    /// <summary>The first rows.csv pattern (the only form the older exports have).</summary>
    public string? CsvFormat => RowsFormats.Count > 0 ? RowsFormats[0] : null;

    /// <summary>The rows.csv header cell exactly as the export writes it (COVID-NET's "WEEKLY RATE " has a trailing space).</summary>
    public string HeaderName => RowsColumn ?? Name;

    public string? Column(ExportForm form) => form == ExportForm.Soda ? SodaColumn : RowsColumn;

    public IReadOnlyList<string> Formats(ExportForm form) => form == ExportForm.Soda ? SodaFormats : RowsFormats;

    /// <summary>The date/timestamp patterns <paramref name="form"/> is read with: the schema's, else ISO.</summary>
    public IReadOnlyList<string> DatePatternsIn(ExportForm form) =>
        Formats(form) is { Count: > 0 } formats ? formats : [Type == FieldType.Timestamp ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd"];

    /// <summary>True when an int64 may be written "800.0": always in SODA exports, in rows.csv where the format says so.</summary>
    public bool AcceptsIntegralDecimal(ExportForm form) =>
        Type == FieldType.Int64 && (form == ExportForm.Soda || Formats(form).Contains(DatePatterns.IntegralDecimal));

    /// <summary>How <paramref name="form"/> writes a date or timestamp, as people read patterns: MM/dd/yyyy → MM/DD/YYYY.</summary>
    public string WrittenAs(ExportForm form = ExportForm.Rows) =>
        string.Join(" or ", DatePatternsIn(form).Select(p => p
            .Replace("yyyy", "YYYY", StringComparison.Ordinal).Replace("dd", "DD", StringComparison.Ordinal)
            .Replace("tt", "AM", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal)));

    public bool IsNullToken(ReadOnlySpan<char> cell)
    {
        foreach (var token in NullTokens)
        {
            if (cell.SequenceEqual(token))
            {
                return true;
            }
        }
        return false;
    }
}
