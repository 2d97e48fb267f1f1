using System.Text.RegularExpressions;

namespace Covid.Client;

/// <summary>
/// The checks of a spec's shape the SDK makes before sending it, under the server's field paths
/// (<c>spec.metrics[0].field</c>). Only what is wrong whatever the dataset: names, references
/// between metrics, ranges. Field names and types are the server's to judge.
/// </summary>
internal static partial class SpecShape
{
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,62}$")]
    private static partial Regex ColumnName();

    public static void ThrowIfInvalid(AnalysisSpec spec)
    {
        var violations = Check(spec);
        if (violations.Count > 0)
        {
            throw new InvalidSpecException($"invalid analysis spec: {string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}"))}", violations);
        }
    }

    public static List<FieldViolation> Check(AnalysisSpec spec)
    {
        var v = new List<FieldViolation>();
        void Add(string field, string description) => v.Add(new FieldViolation(field, description));

        if (string.IsNullOrWhiteSpace(spec.Dataset))
        {
            Add("spec.dataset", "required: a loaded dataset, e.g. \"cdc-cases-deaths-by-state\" (covid datasets list)");
        }
        if (spec.From is { } from && spec.To is { } to && from > to)
        {
            Add("spec.dateRange", $"starts {from:yyyy-MM-dd}, after it ends ({to:yyyy-MM-dd})");
        }
        for (var i = 0; i < spec.Filters.Count; i++)
        {
            CheckFilter(spec.Filters[i], $"spec.filters[{i}]", Add);
        }
        if (spec.Limit < 0)
        {
            Add("spec.limit", "must be 0 (the server's maximum) or more");
        }
        CheckMetrics(spec, Add);
        CheckVersions(spec, Add);
        for (var i = 0; i < spec.OrderBy.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(spec.OrderBy[i].Column))
            {
                Add($"spec.orderBy[{i}].column", "required: a result column");
            }
        }
        if (spec.TopN is { } top)
        {
            if (top.N is < 1 or > 1000) Add("spec.topN.n", $"{top.N} is out of range: 1..1000");
            if (!spec.Metrics.Any(m => Same(m.Name, top.By))) Add("spec.topN.by", $"no metric named '{top.By}'");
            if (top.PerPeriod && spec.TimeBucket == TimeBucket.None) Add("spec.topN.perPeriod", "needs a timeBucket");
        }
        if (spec.Plot is { } plot)
        {
            if (!Enum.IsDefined(plot.Kind)) Add("spec.plot.kind", "required: LINE, BAR, STACKED_BAR or HEATMAP");
            if (string.IsNullOrWhiteSpace(plot.X)) Add("spec.plot.x", "required: the result column on the x axis, usually \"period\"");
            if (plot.Y.Count == 0) Add("spec.plot.y", "at least one metric to draw");
            if (plot.Width != 0 && plot.Width is < 200 or > 4000) Add("spec.plot.width", $"{plot.Width} is out of range: 200..4000 (0 for 1000)");
            if (plot.Height != 0 && plot.Height is < 200 or > 4000) Add("spec.plot.height", $"{plot.Height} is out of range: 200..4000 (0 for 600)");
        }
        return v;
    }

    /// <summary>asOf or version, not both; compareTo names exactly one; version numbers start at 1.</summary>
    private static void CheckVersions(AnalysisSpec spec, Action<string, string> add)
    {
        if (spec.AsOf is not null && spec.Version != 0) add("spec.version", "give asOf or version, not both");
        if (spec.Version < 0) add("spec.version", $"{spec.Version} is not a version; versions are numbered 1, 2, 3 … in load order");
        if (spec.CompareTo is not { } compare)
        {
            return;
        }
        if ((compare.AsOf is not null) == (compare.Version != 0))
        {
            add("spec.compare_to", "give the version to compare with as asOf (a day) or version (a number), one of them");
        }
        if (compare.Version < 0) add("spec.compare_to.version", $"{compare.Version} is not a version; versions are numbered 1, 2, 3 … in load order");
    }

    private static void CheckFilter(Filter filter, string path, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(filter.Field)) add($"{path}.field", "required: a field of the dataset");
        if (filter.Values.Count == 0) add($"{path}.values", "at least one value");
    }

    private static void CheckMetrics(AnalysisSpec spec, Action<string, string> add)
    {
        if (spec.Metrics.Count == 0)
        {
            add("spec.metrics", "at least one metric is required, e.g. Metric.Sum(\"cases\", \"new_case\")");
        }
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < spec.Metrics.Count; i++)
        {
            var metric = spec.Metrics[i];
            var path = $"spec.metrics[{i}]";
            if (!ColumnName().IsMatch(metric.Name ?? "")) add($"{path}.name", $"'{metric.Name}' is not a valid name: up to 63 letters, digits and underscores, starting with a letter");
            else if (Same(metric.Name, "period")) add($"{path}.name", "'period' is reserved for the time bucket column");
            else if (!names.Add(metric.Name!)) add($"{path}.name", $"'{metric.Name}' is already the name of another metric (names are compared ignoring case)");
            for (var j = 0; j < metric.Where.Count; j++)
            {
                CheckFilter(metric.Where[j], $"{path}.where[{j}]", add);
            }
            if (metric.Kind != MetricKind.Aggregate && metric.Where.Count > 0)
            {
                add($"{path}.where", "only aggregations take where filters");
            }
            if (metric.Kind != MetricKind.Aggregate && metric.Aggregation is not null)
            {
                add($"{path}.aggregation", $"set either aggregation or {metric.Kind.ToString().ToLowerInvariant()}, not both");
            }
            switch (metric.Kind)
            {
                case MetricKind.Aggregate when metric.Aggregation is null or 0:
                    add($"{path}.aggregation", "required: SUM, COUNT, MEAN, MIN or MAX");
                    break;
                case MetricKind.Aggregate when metric.Aggregation != Aggregation.Count && string.IsNullOrWhiteSpace(metric.Field):
                    add($"{path}.field", $"required for {metric.Aggregation.ToString()!.ToUpperInvariant()}: a numeric field");
                    break;
                case MetricKind.Ratio:
                    Reference(spec, metric, metric.Numerator, $"{path}.ratio.numerator", add);
                    Reference(spec, metric, metric.Denominator, $"{path}.ratio.denominator", add);
                    break;
                case MetricKind.Rolling:
                    Reference(spec, metric, metric.Of, $"{path}.rolling.metric", add);
                    if (metric.Periods is < 2 or > 366) add($"{path}.rolling.periods", $"{metric.Periods} is out of range: 2..366");
                    if (spec.TimeBucket == TimeBucket.None) add($"{path}.rolling", "needs a timeBucket");
                    break;
                case MetricKind.Per100k:
                    Reference(spec, metric, metric.Of, $"{path}.per100k.metric", add);
                    break;
                case MetricKind.Change:
                    CheckChange(spec, metric, path, add);
                    break;
            }
        }
    }

    private static void CheckChange(AnalysisSpec spec, Metric metric, string path, Action<string, string> add)
    {
        Reference(spec, metric, metric.Of, $"{path}.change.metric", add);
        if (spec.Metrics.FirstOrDefault(m => !ReferenceEquals(m, metric) && Same(m.Name, metric.Of)) is { Kind: MetricKind.Change } target)
        {
            add($"{path}.change.metric", $"'{target.Name}' is itself a change; a change is of an aggregate, a ratio, a rolling mean or a per-100k rate");
        }
        if (metric.Periods is < 0 or > 366) add($"{path}.change.periods", $"{metric.Periods} is out of range: 1..366 periods back (0 means 1)");
        if (spec.TimeBucket == TimeBucket.None) add($"{path}.change", "needs a timeBucket (e.g. Epiweek for week over week)");
    }

    private static void Reference(AnalysisSpec spec, Metric metric, string? name, string path, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(name)) add(path, "required: the name of another metric");
        else if (Same(name, metric.Name)) add(path, $"a metric cannot name itself ('{name}')");
        else if (!spec.Metrics.Any(m => Same(m.Name, name))) add(path, $"no metric named '{name}'; metrics: {string.Join(", ", spec.Metrics.Select(m => m.Name))}");
    }

    private static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
