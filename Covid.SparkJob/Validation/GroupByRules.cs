using Covid.SparkJob.Catalog;
using Covid.V1;

namespace Covid.SparkJob.Validation;

/// <summary>Group-by: distinct dimension fields of the schema.</summary>
internal static class GroupByRules
{
    /// <summary>Returns the names that will be result columns (identifier-like names when the schema is unknown, to avoid follow-on noise).</summary>
    public static IReadOnlyList<string> Check(AnalysisSpec spec, DatasetSchema? schema, Violations v)
    {
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < spec.GroupBy.Count; i++)
        {
            var name = spec.GroupBy[i];
            var path = $"spec.group_by[{i}]";
            if (!seen.Add(name))
            {
                v.Add(path, $"'{name}' is already grouped by");
                continue;
            }
            if (schema is null)
            {
                // Without a schema the name cannot be checked; keep plausible ones so order_by and
                // plot do not repeat the dataset error, but never let odd text count as a column.
                if (MetricRules.IsValidName(name))
                {
                    names.Add(name);
                }
                continue;
            }
            if (SchemaRules.Dimension(schema, name, path, "group by", v) is not null)
            {
                names.Add(name);
            }
        }
        return names;
    }
}
