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
    IReadOnlyList<ResultColumn> Columns)
{
    /// <summary>Name of the bucket-start column when a time bucket is given.</summary>
    public const string PeriodColumn = "period";

    public bool HasPeriod => TimeBucket != AnalysisSpec.Types.TimeBucket.Unspecified;
}

/// <summary>Rows whose field equals one of the values; values are typed for the field.</summary>
public sealed record PlannedFilter(SchemaField Field, IReadOnlyList<object> Values);

/// <summary>An aggregate of a field (or of rows, for COUNT without a field), or a ratio of two other metrics.</summary>
public sealed record PlannedMetric(
    string Name,
    ColumnType Type,
    Metric.Types.Aggregation Aggregation,
    SchemaField? Field,
    string? Numerator,
    string? Denominator)
{
    public bool IsRatio => Numerator is not null;
}

/// <summary>One sort key over a result column.</summary>
public sealed record PlannedOrder(string Column, bool Descending);
