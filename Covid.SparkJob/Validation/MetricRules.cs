using System.Text.RegularExpressions;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Results;
using Covid.V1;
using Aggregation = Covid.V1.Metric.Types.Aggregation;

namespace Covid.SparkJob.Validation;

/// <summary>Metrics: unique column names, an aggregation of a fitting field, or a ratio of two aggregates.</summary>
internal static partial class MetricRules
{
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,62}$")]
    private static partial Regex NamePattern();

    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    /// <summary>Returns the metric names that are valid result column names.</summary>
    public static IReadOnlyList<string> Check(AnalysisSpec spec, DatasetSchema? schema, IReadOnlyList<string> groupBy, Violations v)
    {
        if (spec.Metrics.Count == 0)
        {
            v.Add("spec.metrics", "at least one metric is required, e.g. {\"name\": \"cases\", \"aggregation\": \"SUM\", \"field\": \"new_case\"}");
        }
        var names = new List<string>();
        for (var i = 0; i < spec.Metrics.Count; i++)
        {
            var metric = spec.Metrics[i];
            var path = $"spec.metrics[{i}]";
            if (CheckName(spec, metric.Name, $"{path}.name", names, groupBy, v))
            {
                names.Add(metric.Name);
            }
            var derived = (metric.Ratio is null ? 0 : 1) + (metric.Rolling is null ? 0 : 1) + (metric.Per100K is null ? 0 : 1) + (metric.Change is null ? 0 : 1);
            if (derived > 1)
            {
                v.Add(path, "set only one of ratio, rolling, per100k and change");
            }
            else if (metric.Ratio is not null)
            {
                CheckRatio(spec, metric, path, v);
            }
            else if (metric.Change is not null)
            {
                ChangeRules.Check(spec, metric, path, v);
            }
            else if (metric.Rolling is not null || metric.Per100K is not null)
            {
                DerivedMetricRules.Check(spec, metric, schema, path, v);
            }
            else
            {
                CheckAggregate(spec, metric, schema, path, v);
            }
            if (derived > 0 && metric.Where.Count > 0)
            {
                v.Add($"{path}.where", "only aggregations take where filters; put them on the metric this one is computed from");
            }
            else if (schema is not null)
            {
                for (var j = 0; j < metric.Where.Count; j++)
                {
                    FilterRules.CheckOne(metric.Where[j], schema, $"{path}.where[{j}]", v);
                }
            }
        }
        return names;
    }

    private static bool CheckName(AnalysisSpec spec, string name, string path, List<string> earlier, IReadOnlyList<string> groupBy, Violations v)
    {
        if (string.IsNullOrEmpty(name))
        {
            v.Add(path, "required: the result column name, e.g. \"cases\"");
            return false;
        }
        if (!IsValidName(name))
        {
            v.Add(path, $"{Violations.Quote(name)} is not a valid name: use up to 63 letters, digits and underscores, starting with a letter");
            return false;
        }
        if (ResultNames.Comparer.Equals(name, ResultColumnSet.Period))
        {
            v.Add(path, "'period' is reserved for the time bucket column");
            return false;
        }
        if (TimeColumns.After(spec.TimeBucket).FirstOrDefault(c => ResultNames.Comparer.Equals(c.Name, name)) is { } time)
        {
            v.Add(path, $"'{name}' collides with the {time.Name} column {spec.TimeBucket.ToString().ToUpperInvariant()} adds");
            return false;
        }
        if (groupBy.Contains(name, ResultNames.Comparer))
        {
            v.Add(path, $"'{name}' collides with the group-by column of that name");
            return false;
        }
        if (earlier.Contains(name, ResultNames.Comparer))
        {
            v.Add(path, $"'{name}' is already the name of another metric (names are compared ignoring case)");
            return false;
        }
        return true;
    }

    private static void CheckAggregate(AnalysisSpec spec, Metric metric, DatasetSchema? schema, string path, Violations v)
    {
        switch (metric.Aggregation)
        {
            case Aggregation.Unspecified:
                v.Add($"{path}.aggregation", "required: SUM, COUNT, MEAN, MIN or MAX (or set ratio instead)");
                return;
            case Aggregation.Count:
                if (schema is not null && metric.Field.Length > 0)
                {
                    SchemaRules.Field(schema, metric.Field, $"{path}.field", v);
                }
                return;
            case Aggregation.Sum or Aggregation.Mean or Aggregation.Min or Aggregation.Max:
                if (schema is not null)
                {
                    if (SchemaRules.Numeric(schema, metric.Field, $"{path}.field", metric.Aggregation.ToString().ToUpperInvariant(), v) is { } field
                        && metric.Aggregation == Aggregation.Sum)
                    {
                        AdditivityRules.CheckSum(spec, schema, field, $"{path}.field", v);
                    }
                }
                else if (metric.Field.Length == 0)
                {
                    v.Add($"{path}.field", $"required for {metric.Aggregation.ToString().ToUpperInvariant()}: a numeric field");
                }
                return;
            default:
                v.Add($"{path}.aggregation", $"unknown aggregation {(int)metric.Aggregation}; use SUM, COUNT, MEAN, MIN or MAX");
                return;
        }
    }

    private static void CheckRatio(AnalysisSpec spec, Metric metric, string path, Violations v)
    {
        if (metric.Aggregation != Aggregation.Unspecified)
        {
            v.Add($"{path}.aggregation", "set either aggregation or ratio, not both");
        }
        if (metric.Field.Length > 0)
        {
            v.Add($"{path}.field", "a ratio takes no field; its numerator and denominator name other metrics");
        }
        CheckOperand(spec, metric, metric.Ratio.Numerator, $"{path}.ratio.numerator", v);
        CheckOperand(spec, metric, metric.Ratio.Denominator, $"{path}.ratio.denominator", v);
    }

    private static void CheckOperand(AnalysisSpec spec, Metric ratio, string operand, string path, Violations v)
    {
        // Only valid names are listed: an invalid one may be thousands of characters of hostile text.
        var others = spec.Metrics.Where(m => !ReferenceEquals(m, ratio) && IsAggregate(m) && IsValidName(m.Name)).Select(m => m.Name);
        if (string.IsNullOrEmpty(operand))
        {
            v.Add(path, $"required: the name of another metric ({Violations.List(others)})");
            return;
        }
        if (operand == ratio.Name)
        {
            v.Add(path, $"a ratio cannot name itself ('{ratio.Name}')");
            return;
        }
        var target = spec.Metrics.FirstOrDefault(m => m.Name == operand);
        if (target is null)
        {
            v.Add(path, $"no metric named {Violations.Quote(operand)}; aggregate metrics of this spec are: {Violations.List(others)}");
        }
        else if (target.Ratio is not null)
        {
            v.Add(path, $"'{operand}' is itself a ratio; a ratio divides two aggregate metrics");
        }
        else if (!IsAggregate(target))
        {
            v.Add(path, $"'{operand}' is not an aggregate metric; a ratio divides two aggregate metrics");
        }
    }

    /// <summary>A metric computed by GROUP BY, not derived from other metrics.</summary>
    public static bool IsAggregate(Metric metric) => metric.Ratio is null && metric.Rolling is null && metric.Per100K is null && metric.Change is null;
}
