using Covid.SparkJob.Catalog;
using Covid.V1;

namespace Covid.SparkJob.Validation;

/// <summary>Filters: a dimension field of the schema and values that parse for it.</summary>
internal static class FilterRules
{
    public static void Check(AnalysisSpec spec, DatasetSchema schema, Violations v)
    {
        for (var i = 0; i < spec.Filters.Count; i++)
        {
            CheckOne(spec.Filters[i], schema, $"spec.filters[{i}]", v);
        }
    }

    /// <summary>One filter at <paramref name="path"/> (a spec filter or a metric's where).</summary>
    public static void CheckOne(Filter filter, DatasetSchema schema, string path, Violations v)
    {
        var field = SchemaRules.Dimension(schema, filter.Field, $"{path}.field", "filter", v);
        if (filter.Values.Count == 0)
        {
            v.Add($"{path}.values", "at least one value is required");
        }
        if (field is null)
        {
            return;
        }
        for (var j = 0; j < filter.Values.Count; j++)
        {
            CheckValue(schema, field, filter.Values[j], $"{path}.values[{j}]", v);
        }
    }

    private static void CheckValue(DatasetSchema schema, SchemaField field, string value, string path, Violations v)
    {
        if (GeographyValueRules.Check(schema, field, value, path, v))
        {
            return;
        }
        if (!FieldValues.TryParse(field, value, out _, out var expected))
        {
            v.Add(path, $"{Violations.Quote(value)} is not {expected} (field '{field.Name}')");
        }
    }
}
