namespace Covid.SparkJob.Catalog;

/// <summary>One column of a CDC export, by the name data.cdc.gov gives it.</summary>
/// <param name="Name">The CSV header name; also the only identifier a spec may use.</param>
/// <param name="Type">The typed value it is converted to at ingestion.</param>
/// <param name="Dimension">True for fields to filter and group by; false for measures.</param>
/// <param name="Description">For people (ListDatasets).</param>
/// <param name="CsvFormat">How the CSV writes it when not plain: a .NET date pattern such as "MM/dd/yyyy".</param>
public sealed record SchemaField(string Name, FieldType Type, bool Dimension, string Description, string? CsvFormat = null)
{
    public bool IsNumeric => Type is FieldType.Int64 or FieldType.Double;

    /// <summary>
    /// The header cell exactly as the export writes it, when that differs from <see cref="Name"/>
    /// (COVID-NET writes "WEEKLY RATE " with a trailing space; specs say "WEEKLY RATE").
    /// </summary>
    public string HeaderName
    {
        get => field ?? Name;
        init;
    }

    /// <summary>
    /// Cell texts that mean "no value" besides the empty cell (COVID-NET writes <c>null</c> for
    /// weeks after the download). Values such as "Missing"/"Unknown"/"NA" in case surveillance
    /// are categories, not nulls, and are never listed here.
    /// </summary>
    public IReadOnlyList<string> NullTokens { get; init; } = [];

    /// <summary>Set for a field computed at ingestion instead of read from a CSV column.</summary>
    public MmwrWeekEnd? DerivedFrom { get; init; }

    public bool IsDerived => DerivedFrom is not null;

    /// <summary>How the CSV writes a date or timestamp, as people read patterns: MM/dd/yyyy → MM/DD/YYYY.</summary>
    public string WrittenAs =>
        (CsvFormat ?? (Type == FieldType.Timestamp ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd"))
            .Replace("yyyy", "YYYY", StringComparison.Ordinal).Replace("dd", "DD", StringComparison.Ordinal)
            .Replace("tt", "AM", StringComparison.Ordinal);

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
