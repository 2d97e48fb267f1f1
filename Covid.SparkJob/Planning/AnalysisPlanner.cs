using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Results;
using Covid.SparkJob.Validation;
using Covid.V1;
using Aggregation = Covid.V1.Metric.Types.Aggregation;

namespace Covid.SparkJob.Planning;

/// <summary>Turns a spec into an <see cref="AnalysisPlan"/>: validates it, resolves names against the catalog, fills defaults.</summary>
public static class AnalysisPlanner
{
    /// <exception cref="SpecValidationException">The spec cannot run; carries every violation.</exception>
    public static AnalysisPlan Plan(AnalysisSpec spec, IDatasetLookup datasets)
    {
        var violations = SpecValidator.Validate(spec, datasets, out var dataset, out var compared);
        if (violations.Count > 0 || dataset is null)
        {
            throw new SpecValidationException(violations);
        }
        var schema = dataset.Schema;
        var range = spec.DateRange;
        DateOnly? start = string.IsNullOrEmpty(range?.Start) ? null : ParseDate(range.Start);
        DateOnly? end = string.IsNullOrEmpty(range?.End) ? null : ParseDate(range.End);

        var filters = spec.Filters.Select(f => Filter(schema.Field(f.Field)!, f.Values)).ToList();
        var groupBy = spec.GroupBy.Select(name => schema.Field(name)!).ToList();
        var metrics = spec.Metrics.SelectMany(m => WithSuppressed(Metric(m, schema))).ToList();
        var hasPeriod = spec.TimeBucket != AnalysisSpec.Types.TimeBucket.Unspecified;

        var columns = new List<ResultColumn>(TimeColumns.Of(spec.TimeBucket));
        columns.AddRange(groupBy.Select(f => new ResultColumn(f.Name, ColumnTypeOf(f.Type))));
        columns.AddRange(metrics.Select(m => new ResultColumn(m.Name, m.Type)));

        return new AnalysisPlan(
            spec.Clone(),
            dataset,
            spec.TimeBucket,
            start,
            end,
            filters,
            groupBy,
            metrics,
            Order(spec, hasPeriod, groupBy),
            spec.Limit == 0 ? SpecValidator.MaxLimit : spec.Limit,
            compared is null ? columns : WithRevisions(columns, metrics),
            spec.TopN is { } top ? new PlannedTopN(top.N, top.By, top.PerPeriod) : null,
            spec.Metrics.Any(m => m.Per100K is not null) ? PopulationKey(schema, groupBy) : null)
        {
            Then = compared,
            VersionColumns = columns,
        };
    }

    /// <summary>Each metric followed by its value in the other version and the revision, both of the metric's type.</summary>
    private static List<ResultColumn> WithRevisions(IReadOnlyList<ResultColumn> columns, IReadOnlyList<PlannedMetric> metrics) =>
        columns.SelectMany(c => metrics.Any(m => m.Name == c.Name)
            ? new[] { c, c with { Name = RevisionColumns.Then(c.Name) }, c with { Name = RevisionColumns.Revision(c.Name) } }
            : [c]).ToList();

    /// <summary>The group-by field population is joined on: the dataset's own geography field, else the normalised jurisdiction.</summary>
    private static SchemaField? PopulationKey(DatasetSchema schema, IReadOnlyList<SchemaField> groupBy) =>
        groupBy.FirstOrDefault(f => f.Name == schema.Geography?.Field)
        ?? groupBy.FirstOrDefault(f => f.Name == Geography.GeographyCoding.JurisdictionField);

    private static DateOnly ParseDate(string text) =>
        FieldValues.TryParseSpecDate(text, out var date) ? date : throw new InvalidOperationException("validated date did not parse");

    private static PlannedFilter Filter(SchemaField field, IEnumerable<string> values)
    {
        var typed = new List<object>();
        // Repeated values would only lengthen the IN list; a set keeps the de-duplication linear.
        var seen = new HashSet<object>();
        foreach (var text in values)
        {
            FieldValues.TryParse(field, text, out var value, out _);
            if (seen.Add(value))
            {
                typed.Add(value);
            }
        }
        return new PlannedFilter(field, typed);
    }

    private static PlannedMetric Metric(Metric metric, DatasetSchema schema)
    {
        if (metric.Ratio is not null)
        {
            return new PlannedMetric(metric.Name, ColumnType.Double, Aggregation.Unspecified, null, metric.Ratio.Numerator, metric.Ratio.Denominator);
        }
        if (metric.Rolling is { } rolling)
        {
            return new PlannedMetric(metric.Name, ColumnType.Double, Aggregation.Unspecified, null, null, null, RollingOf: rolling.Metric, RollingPeriods: rolling.Periods);
        }
        if (metric.Per100K is { } per100k)
        {
            return new PlannedMetric(metric.Name, ColumnType.Double, Aggregation.Unspecified, null, null, null, Per100kOf: per100k.Metric);
        }
        if (metric.Change is { } change)
        {
            return new PlannedMetric(metric.Name, ColumnType.Double, Aggregation.Unspecified, null, null, null)
            {
                ChangeOf = change.Metric,
                ChangePeriods = change.Periods == 0 ? 1 : change.Periods,
                ChangePercent = change.Percent,
            };
        }
        var field = metric.Field.Length == 0 ? null : schema.Field(metric.Field)!;
        var type = metric.Aggregation switch
        {
            Aggregation.Count => ColumnType.Int64,
            Aggregation.Mean => ColumnType.Double,
            _ => ColumnTypeOf(field!.Type),
        };
        var where = metric.Where.Select(f => Filter(schema.Field(f.Field)!, f.Values)).ToList();
        return new PlannedMetric(metric.Name, type, metric.Aggregation, field, null, null, Where: where);
    }

    /// <summary>
    /// A SUM of a count CDC suppresses, then how many of its group's cells were suppressed (empty):
    /// the sum is a lower bound, and the count says by how much it may fall short.
    /// </summary>
    private static IEnumerable<PlannedMetric> WithSuppressed(PlannedMetric metric)
    {
        yield return metric;
        if (metric is { Aggregation: Aggregation.Sum, IsAggregate: true, Field.Suppression: not null })
        {
            yield return new PlannedMetric(Suppression.ColumnName(metric.Name), ColumnType.Int64, Aggregation.Count, null, null, null,
                Where: [.. metric.Conditions, new PlannedFilter(metric.Field, [""])]);
        }
    }

    /// <summary>
    /// The explicit keys, then period and the group-by fields as tie-breakers, so equal sort keys
    /// never leave row order to the engine (both engines must return the same table).
    /// </summary>
    private static List<PlannedOrder> Order(AnalysisSpec spec, bool hasPeriod, IReadOnlyList<SchemaField> groupBy)
    {
        var order = spec.OrderBy.Select(o => new PlannedOrder(o.Column, o.Descending)).ToList();
        var keys = (hasPeriod ? new[] { AnalysisPlan.PeriodColumn } : []).Concat(groupBy.Select(f => f.Name));
        foreach (var key in keys)
        {
            if (!order.Any(o => o.Column == key))
            {
                order.Add(new PlannedOrder(key, false));
            }
        }
        return order;
    }

    public static ColumnType ColumnTypeOf(FieldType type) => type switch
    {
        FieldType.Date => ColumnType.Date,
        FieldType.String => ColumnType.String,
        FieldType.Int64 => ColumnType.Int64,
        FieldType.Double => ColumnType.Double,
        // Timestamps are not dimensions or measures, so no plan yields one; refuse loudly if that changes.
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no result column type for this field type"),
    };
}
