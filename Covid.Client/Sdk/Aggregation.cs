namespace Covid.Client;

/// <summary>How the rows of a group are combined into a <see cref="Metric"/>.</summary>
public enum Aggregation
{
    /// <summary>The sum of a numeric field.</summary>
    Sum = 1,
    /// <summary>Rows; with a field, rows where it is not empty.</summary>
    Count = 2,
    /// <summary>The mean of a numeric field.</summary>
    Mean = 3,
    /// <summary>The smallest value of a numeric field.</summary>
    Min = 4,
    /// <summary>The largest value of a numeric field.</summary>
    Max = 5,
}
