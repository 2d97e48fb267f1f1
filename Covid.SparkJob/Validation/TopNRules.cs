using Covid.V1;

namespace Covid.SparkJob.Validation;

/// <summary>top_n: a positive count, a metric to rank by, and a time bucket when ranking per period.</summary>
internal static class TopNRules
{
    public const int MaxN = 1000;

    public static void Check(AnalysisSpec spec, ResultColumnSet columns, Violations v)
    {
        if (spec.TopN is not { } top)
        {
            return;
        }
        if (top.N is < 1 or > MaxN)
        {
            v.Add("spec.top_n.n", $"{top.N} is out of range: 1 to {MaxN} rows");
        }
        if (string.IsNullOrEmpty(top.By))
        {
            v.Add("spec.top_n.by", $"required: the metric to rank by ({Violations.List(columns.Metrics)})");
        }
        else if (!columns.IsNumeric(top.By))
        {
            v.Add("spec.top_n.by", $"{Violations.Quote(top.By)} is not a metric; rank by one of: {Violations.List(columns.Metrics)}");
        }
        if (top.PerPeriod && !columns.HasPeriod)
        {
            v.Add("spec.top_n.per_period", "ranking within each period needs a time_bucket");
        }
    }
}
