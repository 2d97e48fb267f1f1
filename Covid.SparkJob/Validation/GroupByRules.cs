using Covid.SparkJob.Catalog;
using Covid.V1;

namespace Covid.SparkJob.Validation;

/// <summary>Group-by: distinct dimension fields of the schema.</summary>
internal static class GroupByRules
{
    /// <summary>Returns the names that will be result columns (every given name when the schema is unknown, to avoid follow-on noise).</summary>
    public static IReadOnlyList<string> Check(AnalysisSpec spec, DatasetSchema? schema, Violations v)
    {
        var names = new List<string>();
        for (var i = 0; i < spec.GroupBy.Count; i++)
        {
            var name = spec.GroupBy[i];
            var path = $"spec.group_by[{i}]";
            if (names.Contains(name, StringComparer.Ordinal))
            {
                v.Add(path, $"'{name}' is already grouped by");
                continue;
            }
            if (schema is null)
            {
                names.Add(name);
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
