using Covid.SparkJob.Catalog;
using Covid.SparkJob.Geography;
using Covid.V1;
using Aggregation = Covid.V1.Metric.Types.Aggregation;

namespace Covid.SparkJob.Validation;

/// <summary>
/// The double-counting trap. CDC files put rows that total other rows beside them: the nation and
/// HHS regions beside the states (ua7e-t2fy), By Month/Year/Total rows beside the weeks they total
/// (r8kw-7aab's group), "All Ages" beside the age groups. A SUM or COUNT whose groups could merge
/// rows of such levels — the field is not grouped by and the filters let several levels through —
/// is refused, naming the levels that pass and how to pick one. States, territories, sites and a
/// city reported apart partition the country and may be added; any other mix may not.
/// </summary>
internal static class LevelRules
{
    public static void Check(AnalysisSpec spec, DatasetSchema schema, Violations v)
    {
        for (var i = 0; i < spec.Metrics.Count; i++)
        {
            var metric = spec.Metrics[i];
            if (!MetricRules.IsAggregate(metric) || metric.Aggregation is not (Aggregation.Sum or Aggregation.Count))
            {
                continue;
            }
            var filters = spec.Filters.Concat(metric.Where).ToList();
            var what = metric.Aggregation.ToString().ToUpperInvariant();
            if (schema.Geography is { } geography && GeographyProblem(spec, schema, geography, filters) is { } geo)
            {
                v.Add($"spec.metrics[{i}]", $"{what} '{metric.Name}' {geo}");
            }
            foreach (var field in schema.Fields.Where(f => f.Levels is not null))
            {
                if (LevelProblem(spec, field, filters) is { } level)
                {
                    v.Add($"spec.metrics[{i}]", $"{what} '{metric.Name}' {level}");
                }
            }
        }
    }

    private static string? GeographyProblem(AnalysisSpec spec, DatasetSchema schema, GeographyCoding geography, IReadOnlyList<Filter> filters)
    {
        if (spec.GroupBy.Any(g => g == geography.Field || g == GeographyCoding.JurisdictionField || g == GeographyCoding.LevelField))
        {
            return null;
        }
        var passing = geography.Entries.Where(e =>
            Allows(filters, geography.Field, e.Value) && Allows(filters, GeographyCoding.JurisdictionField, e.Code) && Allows(filters, GeographyCoding.LevelField, e.Level.Code()));
        var levels = passing.Select(e => e.Level).Distinct().ToList();
        if (geography.CanAdd(levels))
        {
            return null;
        }
        var example = levels.Where(geography.IsLeaf).DefaultIfEmpty(levels[0]).First();
        return $"would add rows of {Violations.List(levels.Select(l => l.Code()))} of {schema.Name} together and count people more than once " +
               $"(a region or the nation holds its states); pick one level: filter geo_level (e.g. {{\"field\": \"geo_level\", \"values\": [\"{example.Code()}\"]}}) or group by geo_level";
    }

    private static string? LevelProblem(AnalysisSpec spec, SchemaField field, IReadOnlyList<Filter> filters)
    {
        if (spec.GroupBy.Contains(field.Name))
        {
            return null;
        }
        var passing = field.Levels!.Where(l => Allows(filters, field.Name, l.Key));
        // Rows of an untimed level have no date, so a date range keeps only the timed ones.
        if (spec.DateRange is { } range && (range.Start.Length > 0 || range.End.Length > 0) && field.TimedLevels.Count > 0)
        {
            passing = passing.Where(l => field.TimedLevels.Contains(l.Value));
        }
        var levels = passing.GroupBy(l => l.Value).ToList();
        if (levels.Count <= 1)
        {
            return null;
        }
        var first = levels[0].First().Key;
        return $"would add {field.Name} rows of different levels together ({Violations.List(levels.Select(g => $"{g.Key}: {string.Join(", ", g.Select(l => l.Key))}"))}), " +
               $"and rows of one level total the others'; filter {field.Name} to one level (e.g. {{\"field\": \"{field.Name}\", \"values\": [\"{first}\"]}}) or group by {field.Name}";
    }

    /// <summary>True when every filter on <paramref name="field"/> lets <paramref name="value"/> through (no filter: all pass).</summary>
    private static bool Allows(IEnumerable<Filter> filters, string field, string? value) =>
        filters.Where(f => f.Field == field).All(f => value is not null && f.Values.Contains(value));
}
