namespace Covid.Client;

/// <summary>What a dataset field is for.</summary>
public enum FieldRole
{
    /// <summary>Not reported.</summary>
    Unspecified = 0,
    /// <summary>The field time runs along (date ranges and time buckets use it).</summary>
    Time = 1,
    /// <summary>Where a row is: a state, a region, the nation, a surveillance site.</summary>
    Geography = 2,
    /// <summary>Anything else to filter and group by.</summary>
    Dimension = 3,
    /// <summary>A number to aggregate.</summary>
    Measure = 4,
}
