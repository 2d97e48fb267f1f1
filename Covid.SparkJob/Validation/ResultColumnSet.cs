namespace Covid.SparkJob.Validation;

/// <summary>The result columns a valid spec produces, by name, for checking order_by and plot.</summary>
/// <param name="GroupBy">Group-by names that will be columns (all given names when the schema is unknown).</param>
/// <param name="Metrics">Metric names that are valid column names.</param>
internal sealed record ResultColumnSet(bool HasPeriod, IReadOnlyList<string> GroupBy, IReadOnlyList<string> Metrics)
{
    public const string Period = "period";

    public IEnumerable<string> Names =>
        (HasPeriod ? new[] { Period } : []).Concat(GroupBy).Concat(Metrics);

    public bool Contains(string name) => Names.Contains(name, StringComparer.Ordinal);

    public bool IsGroupBy(string name) => GroupBy.Contains(name, StringComparer.Ordinal);

    /// <summary>Every metric is numeric: COUNT and SUM/MIN/MAX of numeric fields, MEAN and ratios as doubles.</summary>
    public bool IsNumeric(string name) => Metrics.Contains(name, StringComparer.Ordinal);

    public string Describe() => Names.Any() ? Violations.List(Names) : "(none)";
}
