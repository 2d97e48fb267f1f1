using Covid.SparkJob.Results;

namespace Covid.SparkJob.Validation;

/// <summary>The result columns a valid spec produces, by name, for checking order_by and plot.</summary>
/// <param name="GroupBy">Group-by names that will be columns (all given names when the schema is unknown).</param>
/// <param name="Metrics">Metric names that are valid column names.</param>
internal sealed record ResultColumnSet(bool HasPeriod, IReadOnlyList<string> GroupBy, IReadOnlyList<string> Metrics)
{
    public const string Period = "period";

    /// <summary>The columns the time bucket adds after period (mmwr_year, mmwr_week, season, period_end).</summary>
    public IReadOnlyList<ResultColumn> Time { get; init; } = [];

    public IEnumerable<string> Names =>
        (HasPeriod ? new[] { Period } : []).Concat(Time.Select(c => c.Name)).Concat(GroupBy).Concat(Metrics);

    public bool Contains(string name) => Names.Contains(name, StringComparer.Ordinal);

    public bool IsGroupBy(string name) => GroupBy.Contains(name, StringComparer.Ordinal);

    /// <summary>Every metric is numeric (COUNT and SUM/MIN/MAX of numeric fields, MEAN, ratios and changes as doubles), and so are mmwr_year and mmwr_week.</summary>
    public bool IsNumeric(string name) =>
        Metrics.Contains(name, StringComparer.Ordinal) || Time.Any(c => c.Name == name && c.Type == ColumnType.Int64);

    public string Describe() => Names.Any() ? Violations.List(Names) : "(none)";
}
