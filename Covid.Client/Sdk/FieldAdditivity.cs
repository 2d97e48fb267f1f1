namespace Covid.Client;

/// <summary>Along which axes a SUM may add a measure.</summary>
public enum FieldAdditivity
{
    /// <summary>Not reported.</summary>
    Unspecified = 0,
    /// <summary>New counts: over time and over geography.</summary>
    TimeAndGeography = 1,
    /// <summary>Cumulative totals: over geography within one period, never across periods.</summary>
    GeographyOnly = 2,
    /// <summary>Rates, percents and non-measures: never summed.</summary>
    NotAdditive = 3,
}
