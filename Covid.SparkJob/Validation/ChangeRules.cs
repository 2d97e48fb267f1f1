using Covid.V1;
using Aggregation = Covid.V1.Metric.Types.Aggregation;

namespace Covid.SparkJob.Validation;

/// <summary>A change metric: of another metric (not a change), over 1..366 periods, with a time bucket to count periods in.</summary>
internal static class ChangeRules
{
    public const int MaxPeriods = 366;

    public static void Check(AnalysisSpec spec, Metric metric, string path, Violations v)
    {
        if (metric.Aggregation != Aggregation.Unspecified)
        {
            v.Add($"{path}.aggregation", "set either aggregation or change, not both");
        }
        if (metric.Field.Length > 0)
        {
            v.Add($"{path}.field", "a change takes no field; it names another metric");
        }
        var change = metric.Change;
        if (spec.TimeBucket == AnalysisSpec.Types.TimeBucket.Unspecified)
        {
            v.Add($"{path}.change", "a change compares periods: set time_bucket (e.g. EPIWEEK for week over week)");
        }
        if (change.Periods is < 0 or > MaxPeriods)
        {
            v.Add($"{path}.change.periods", $"{change.Periods} is out of range: 1 to {MaxPeriods} periods back (0 means 1)");
        }
        var others = spec.Metrics.Where(m => !ReferenceEquals(m, metric) && MetricRules.IsValidName(m.Name)).Select(m => m.Name);
        if (string.IsNullOrEmpty(change.Metric))
        {
            v.Add($"{path}.change.metric", $"required: the name of another metric ({Violations.List(others)})");
            return;
        }
        var target = spec.Metrics.FirstOrDefault(m => m.Name == change.Metric);
        if (change.Metric == metric.Name)
        {
            v.Add($"{path}.change.metric", $"a metric cannot be computed from itself ('{metric.Name}')");
        }
        else if (target is null)
        {
            v.Add($"{path}.change.metric", $"no metric named {Violations.Quote(change.Metric)}; metrics of this spec are: {Violations.List(others)}");
        }
        else if (target.Change is not null)
        {
            v.Add($"{path}.change.metric", $"'{target.Name}' is itself a change; a change is of an aggregate, a ratio, a rolling mean or a per-100k rate");
        }
    }
}
