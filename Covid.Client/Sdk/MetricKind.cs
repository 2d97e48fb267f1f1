namespace Covid.Client;

/// <summary>What a <see cref="Metric"/> computes.</summary>
public enum MetricKind
{
    /// <summary>An <see cref="Client.Aggregation"/> of a field (or of rows).</summary>
    Aggregate,
    /// <summary>One metric divided by another.</summary>
    Ratio,
    /// <summary>The trailing mean of a SUM or COUNT metric over some periods.</summary>
    Rolling,
    /// <summary>A SUM or COUNT metric (or its rolling mean) per 100,000 residents.</summary>
    Per100k,
    /// <summary>The change of another metric since some periods earlier, absolute or in percent.</summary>
    Change,
}
