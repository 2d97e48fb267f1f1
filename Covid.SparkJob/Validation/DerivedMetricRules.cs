using Covid.SparkJob.Catalog;
using Covid.SparkJob.Geography;
using Covid.V1;
using Aggregation = Covid.V1.Metric.Types.Aggregation;

namespace Covid.SparkJob.Validation;

/// <summary>Rolling means and per-100k rates: what they are computed from, and what they need of the spec.</summary>
internal static class DerivedMetricRules
{
    public const int MinPeriods = 2;
    public const int MaxPeriods = 366;

    public static void Check(AnalysisSpec spec, Metric metric, DatasetSchema? schema, string path, Violations v)
    {
        if (metric.Aggregation != Aggregation.Unspecified)
        {
            v.Add($"{path}.aggregation", "set either aggregation or a derived metric (rolling, per100k), not both");
        }
        if (metric.Field.Length > 0)
        {
            v.Add($"{path}.field", "a derived metric takes no field; it names another metric");
        }
        if (metric.Rolling is { } rolling)
        {
            CheckRolling(spec, metric, rolling, path, v);
        }
        else
        {
            CheckPer100k(spec, metric, schema, path, v);
        }
    }

    private static void CheckRolling(AnalysisSpec spec, Metric metric, Rolling rolling, string path, Violations v)
    {
        if (spec.TimeBucket == AnalysisSpec.Types.TimeBucket.Unspecified)
        {
            v.Add($"{path}.rolling", "a rolling mean runs over periods: set time_bucket (DAY, WEEK or MONTH)");
        }
        if (rolling.Periods is < MinPeriods or > MaxPeriods)
        {
            v.Add($"{path}.rolling.periods", $"{rolling.Periods} is out of range: {MinPeriods} to {MaxPeriods} periods, e.g. 7 for a 7-day mean of daily counts");
        }
        var target = Operand(spec, metric, rolling.Metric, $"{path}.rolling.metric", v);
        if (target is not null && !IsAdditive(target))
        {
            v.Add($"{path}.rolling.metric", $"'{target.Name}' is not a SUM or COUNT metric; a missing period counts as zero only for those");
        }
    }

    private static void CheckPer100k(AnalysisSpec spec, Metric metric, DatasetSchema? schema, string path, Violations v)
    {
        var target = Operand(spec, metric, metric.Per100K.Metric, $"{path}.per100k.metric", v);
        if (target is not null && !IsAdditive(target))
        {
            var rollingOk = target.Rolling is not null && spec.Metrics.FirstOrDefault(m => m.Name == target.Rolling.Metric) is { } inner && IsAdditive(inner);
            if (!rollingOk)
            {
                v.Add($"{path}.per100k.metric", $"'{target.Name}' is not a SUM or COUNT metric (or a rolling mean of one); only counts scale with population");
            }
        }
        if (schema is null)
        {
            return;
        }
        if (schema.Geography is not { } geo)
        {
            v.Add($"{path}.per100k", $"{schema.Name} has no geography field to join population on");
        }
        else if (!spec.GroupBy.Contains(geo.Field) && !spec.GroupBy.Contains(GeographyCoding.JurisdictionField))
        {
            v.Add($"{path}.per100k", $"per-100k rates are per jurisdiction: group_by must include '{geo.Field}' (or '{GeographyCoding.JurisdictionField}')");
        }
    }

    /// <summary>The metric named <paramref name="name"/>, when it is another metric of the spec.</summary>
    private static Metric? Operand(AnalysisSpec spec, Metric self, string name, string path, Violations v)
    {
        var others = spec.Metrics.Where(m => !ReferenceEquals(m, self) && MetricRules.IsValidName(m.Name)).Select(m => m.Name);
        if (string.IsNullOrEmpty(name))
        {
            v.Add(path, $"required: the name of another metric ({Violations.List(others)})");
            return null;
        }
        if (name == self.Name)
        {
            v.Add(path, $"a metric cannot be computed from itself ('{self.Name}')");
            return null;
        }
        var target = spec.Metrics.FirstOrDefault(m => m.Name == name);
        if (target is null)
        {
            v.Add(path, $"no metric named {Violations.Quote(name)}; metrics of this spec are: {Violations.List(others)}");
        }
        return target;
    }

    private static bool IsAdditive(Metric metric) =>
        MetricRules.IsAggregate(metric) && metric.Aggregation is Aggregation.Sum or Aggregation.Count;
}
