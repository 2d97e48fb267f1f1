using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Results;
using Covid.V1;

namespace Covid.SparkJob.Planning;

/// <summary>
/// A validated spec resolved against its dataset: catalog fields instead of names, typed filter
/// values, defaults filled in. Both SQL dialects are built from it and nothing else, so they
/// cannot disagree on what the spec means.
/// </summary>
public sealed record AnalysisPlan(
    AnalysisSpec Spec,
    DatasetInfo Dataset,
    AnalysisSpec.Types.TimeBucket TimeBucket,
    DateOnly? Start,
    DateOnly? End,
    IReadOnlyList<PlannedFilter> Filters,
    IReadOnlyList<SchemaField> GroupBy,
    IReadOnlyList<PlannedMetric> Metrics,
    IReadOnlyList<PlannedOrder> OrderBy,
    int Limit,
    IReadOnlyList<ResultColumn> Columns,
    PlannedTopN? TopN = null,
    SchemaField? PopulationKey = null)
{
    private readonly IReadOnlyList<ResultColumn>? versionColumns;

    /// <summary>Name of the bucket-start column when a time bucket is given.</summary>
    public const string PeriodColumn = "period";

    /// <summary>With compareTo: the other version, whose rows are joined to this version's by period and group.</summary>
    public DatasetInfo? Then { get; init; }

    /// <summary>The columns each version's rows have: <see cref="Columns"/> without compareTo's <c>_then</c> and <c>_revision</c> ones.</summary>
    public IReadOnlyList<ResultColumn> VersionColumns { get => versionColumns ?? Columns; init => versionColumns = value; }

    public bool HasPeriod => TimeBucket != AnalysisSpec.Types.TimeBucket.Unspecified;

    /// <summary>True when a rolling metric needs the gap-free period × group grid.</summary>
    public bool HasRolling => Metrics.Any(m => m.RollingOf is not null);

    /// <summary>True when a change metric needs the lagged values of the periods before.</summary>
    public bool HasChange => Metrics.Any(m => m.ChangeOf is not null);

    /// <summary>Rolling means and changes count periods, so they run on the gap-free period × group grid.</summary>
    public bool HasGrid => HasRolling || HasChange;

    /// <summary>True when a per-100k metric needs the population join.</summary>
    public bool HasPer100k => Metrics.Any(m => m.Per100kOf is not null);
}

/// <summary>Rows whose field equals one of the values; values are typed for the field.</summary>
public sealed record PlannedFilter(SchemaField Field, IReadOnlyList<object> Values);

/// <summary>
/// An aggregate of a field (or of rows, for COUNT without a field), optionally over only the rows
/// matching <paramref name="Where"/>; or a metric derived from others: a ratio of two aggregates, a
/// trailing mean of one over <paramref name="RollingPeriods"/> periods, one per 100,000 residents,
/// or the change of one over periods. A SUM of a suppressed count is followed by a COUNT of its
/// suppressed cells (<c>NAME_suppressed</c>), planned as a COUNT of the rows where the field is empty.
/// </summary>
public sealed record PlannedMetric(
    string Name,
    ColumnType Type,
    Metric.Types.Aggregation Aggregation,
    SchemaField? Field,
    string? Numerator,
    string? Denominator,
    IReadOnlyList<PlannedFilter>? Where = null,
    string? RollingOf = null,
    int RollingPeriods = 0,
    string? Per100kOf = null)
{
    public bool IsRatio => Numerator is not null;

    /// <summary>Set for a change metric: the metric whose change it is.</summary>
    public string? ChangeOf { get; init; }

    /// <summary>How many periods back a change compares with (1 or more).</summary>
    public int ChangePeriods { get; init; }

    /// <summary>True for a percent change, false for an absolute one.</summary>
    public bool ChangePercent { get; init; }

    /// <summary>Computed by GROUP BY (everything else is derived from aggregates).</summary>
    public bool IsAggregate => Numerator is null && RollingOf is null && Per100kOf is null && ChangeOf is null;

    /// <summary>SUM and COUNT add up across rows, so an absent period is a zero of them.</summary>
    public bool IsAdditive => IsAggregate && Aggregation is Metric.Types.Aggregation.Sum or Metric.Types.Aggregation.Count;

    public IReadOnlyList<PlannedFilter> Conditions => Where ?? [];
}

/// <summary>One sort key over a result column.</summary>
public sealed record PlannedOrder(string Column, bool Descending);
