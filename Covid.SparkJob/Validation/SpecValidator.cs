using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Errors;
using Covid.SparkJob.Results;
using Covid.V1;

namespace Covid.SparkJob.Validation;

/// <summary>
/// Checks a spec against its dataset's schema and reports every problem at once, each under the
/// proto field path a client can point at ("spec.filters[0].values[1]"). Nothing here trusts the
/// spec: names must match the catalog exactly and values must parse for their field.
/// </summary>
public static class SpecValidator
{
    public const int MaxLimit = 100_000;

    /// <summary>All violations of <paramref name="spec"/>; empty when it can run.</summary>
    public static IReadOnlyList<FieldViolation> Validate(AnalysisSpec spec, IDatasetLookup datasets) =>
        Validate(spec, datasets, out _);

    /// <summary>As <see cref="Validate(AnalysisSpec, IDatasetLookup)"/>, also returning the dataset the spec names (if loaded).</summary>
    public static IReadOnlyList<FieldViolation> Validate(AnalysisSpec spec, IDatasetLookup datasets, out DatasetInfo? dataset) =>
        Validate(spec, datasets, out dataset, out _);

    /// <summary>As <see cref="Validate(AnalysisSpec, IDatasetLookup, out DatasetInfo?)"/>: <paramref name="dataset"/> is the version the spec reads, <paramref name="compared"/> the one its compareTo names.</summary>
    public static IReadOnlyList<FieldViolation> Validate(AnalysisSpec spec, IDatasetLookup datasets, out DatasetInfo? dataset, out DatasetInfo? compared)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(datasets);
        var v = new Violations();
        dataset = CheckDataset(spec, datasets, v);
        compared = dataset is null ? null : VersionRules.Compared(spec, datasets, v);
        var schema = dataset?.Schema;
        CheckDateRange(spec, v);
        if (!Enum.IsDefined(spec.TimeBucket))
        {
            v.Add("spec.time_bucket", $"unknown time bucket {(int)spec.TimeBucket}; use DAY, WEEK, EPIWEEK, MONTH, SEASON, YEAR or NATIVE");
        }
        if (!Enum.IsDefined(spec.Engine))
        {
            v.Add("spec.engine", $"unknown engine {(int)spec.Engine}; use AUTO, EMBEDDED or SPARK");
        }
        if (schema is not null)
        {
            FilterRules.Check(spec, schema, v);
            TimeRules.Check(spec, schema, v);
        }
        var groupBy = GroupByRules.Check(spec, schema, v);
        var metrics = MetricRules.Check(spec, schema, groupBy, v);
        if (schema is not null)
        {
            LevelRules.Check(spec, schema, v);
            metrics = [.. metrics, .. SuppressionColumns(spec, schema, groupBy, metrics, v)];
        }
        var time = Enum.IsDefined(spec.TimeBucket) ? TimeColumns.After(spec.TimeBucket) : [];
        var revisions = VersionRules.Columns(spec, [ResultColumnSet.Period, .. time.Select(c => c.Name), .. groupBy], metrics, v);
        var columns = new ResultColumnSet(spec.TimeBucket != AnalysisSpec.Types.TimeBucket.Unspecified, groupBy, [.. metrics, .. revisions])
        {
            Time = time,
        };
        OutputRules.Check(spec, columns, v);
        TopNRules.Check(spec, columns, v);
        return v.Items;
    }

    /// <summary>The NAME_suppressed columns SUMs of suppressed counts add; each must be a free name.</summary>
    private static List<string> SuppressionColumns(AnalysisSpec spec, DatasetSchema schema, IReadOnlyList<string> groupBy, IReadOnlyList<string> metrics, Violations v)
    {
        var added = new List<string>();
        for (var i = 0; i < spec.Metrics.Count; i++)
        {
            var metric = spec.Metrics[i];
            if (metric.Aggregation != Metric.Types.Aggregation.Sum || !MetricRules.IsAggregate(metric) || !metrics.Contains(metric.Name)
                || schema.Field(metric.Field) is not { Suppression: not null })
            {
                continue;
            }
            var name = Suppression.ColumnName(metric.Name);
            if (groupBy.Concat(metrics).Concat(added).Contains(name, ResultNames.Comparer))
            {
                v.Add($"spec.metrics[{i}].name", $"'{metric.Field}' is a suppressed count, so '{metric.Name}' comes with the column '{name}', which another column already has; rename one");
                continue;
            }
            added.Add(name);
        }
        return added;
    }

    private static DatasetInfo? CheckDataset(AnalysisSpec spec, IDatasetLookup datasets, Violations v)
    {
        var loaded = Violations.List(datasets.Names.Order(StringComparer.Ordinal));
        var choices = loaded.Length == 0 ? "" : $"; loaded datasets are: {loaded}";
        if (string.IsNullOrEmpty(spec.Dataset))
        {
            v.Add("spec.dataset", "required: the name of a loaded dataset" + choices);
            return null;
        }
        var newest = datasets.Find(spec.Dataset);
        if (newest is null)
        {
            v.Add("spec.dataset", $"unknown dataset {Violations.Quote(spec.Dataset)}" + choices);
            return null;
        }
        return VersionRules.Resolve(spec, datasets, newest, v);
    }

    private static void CheckDateRange(AnalysisSpec spec, Violations v)
    {
        if (spec.DateRange is null)
        {
            return;
        }
        var start = ParseDate(spec.DateRange.Start, "spec.date_range.start", v);
        var end = ParseDate(spec.DateRange.End, "spec.date_range.end", v);
        if (start is { } s && end is { } e && s > e)
        {
            v.Add("spec.date_range.start", $"start {s:yyyy-MM-dd} is after end {e:yyyy-MM-dd}");
        }
    }

    private static DateOnly? ParseDate(string text, string path, Violations v)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (FieldValues.TryParseSpecDate(text, out var date))
        {
            return date;
        }
        v.Add(path, $"{Violations.Quote(text)} is not a date; write it YYYY-MM-DD, e.g. 2020-03-02");
        return null;
    }
}
