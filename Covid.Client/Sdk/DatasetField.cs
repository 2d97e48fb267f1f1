namespace Covid.Client;

/// <summary>One field of a dataset's schema, as specs name it.</summary>
/// <param name="Name">The field name used in filters, group-by and metrics.</param>
/// <param name="Kind">Its type.</param>
/// <param name="IsDimension">True for fields to filter and group by; false for measures.</param>
/// <param name="Description">What it holds, for people.</param>
public sealed record DatasetField(string Name, FieldKind Kind, bool IsDimension, string Description)
{
    /// <summary>Time, geography, dimension or measure.</summary>
    public FieldRole Role { get; init; }

    /// <summary>What a measure counts or measures ("deaths", "%", "admissions per 100,000"); empty otherwise.</summary>
    public string Unit { get; init; } = "";

    /// <summary>Along which axes SUM may add it.</summary>
    public FieldAdditivity Additivity { get; init; }

    /// <summary>Its header in rows.csv exports; empty when the schema has none or the field is derived.</summary>
    public string RowsColumn { get; init; } = "";

    /// <summary>Its API field name in SODA exports; empty when the schema has none or the field is derived.</summary>
    public string SodaColumn { get; init; } = "";

    /// <summary>True for a field computed rather than read (jurisdiction, geo_level, a week end).</summary>
    public bool IsDerived { get; init; }

    /// <summary>For a count CDC suppresses, what an empty cell means; empty otherwise.</summary>
    public string Suppression { get; init; } = "";
}
