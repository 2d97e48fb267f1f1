namespace Covid.SparkJob.Catalog;

/// <summary>Along which axes a measure may be summed without producing nonsense.</summary>
public enum Additivity
{
    /// <summary>New counts (cases, deaths, admissions of a period): add over time and over geography.</summary>
    TimeAndGeography,

    /// <summary>Cumulative totals: add over geography within one period, never across periods.</summary>
    GeographyOnly,

    /// <summary>Rates, percents and numbers that are not counts (and every non-measure): never summed.</summary>
    None,
}
