using Covid.SparkJob.Catalog;

namespace Covid.SparkJob.Validation;

/// <summary>Resolves spec field names against a schema, with messages that list what is allowed.</summary>
internal static class SchemaRules
{
    /// <summary>The named field; a violation when it is missing or unknown.</summary>
    public static SchemaField? Field(DatasetSchema schema, string name, string path, Violations v)
    {
        if (string.IsNullOrEmpty(name))
        {
            v.Add(path, $"required: a field of {schema.Name}: {Violations.List(schema.Fields.Select(f => f.Name))}");
            return null;
        }
        var field = schema.Field(name);
        if (field is null)
        {
            v.Add(path, $"unknown field {Violations.Quote(name)}; fields of {schema.Name} are: {Violations.List(schema.Fields.Select(f => f.Name))}");
        }
        return field;
    }

    /// <summary>The named field if it is a dimension (what filters and group-by work on).</summary>
    public static SchemaField? Dimension(DatasetSchema schema, string name, string path, string use, Violations v)
    {
        var field = Field(schema, name, path, v);
        if (field is { Dimension: false })
        {
            v.Add(path, $"'{field.Name}' is not a dimension and cannot be used to {use}; dimensions of {schema.Name} are: {Dimensions(schema)}");
            return null;
        }
        return field;
    }

    /// <summary>The named field if it is numeric (what SUM, MEAN, MIN and MAX work on).</summary>
    public static SchemaField? Numeric(DatasetSchema schema, string name, string path, string aggregation, Violations v)
    {
        if (string.IsNullOrEmpty(name))
        {
            v.Add(path, $"required for {aggregation}: a numeric field of {schema.Name}: {Numerics(schema)}");
            return null;
        }
        var field = Field(schema, name, path, v);
        if (field is { IsNumeric: false })
        {
            v.Add(path, $"'{field.Name}' is not numeric and cannot be aggregated with {aggregation}; numeric fields of {schema.Name} are: {Numerics(schema)}");
            return null;
        }
        return field;
    }

    private static string Dimensions(DatasetSchema schema) =>
        Violations.List(schema.Fields.Where(f => f.Dimension).Select(f => f.Name));

    private static string Numerics(DatasetSchema schema) =>
        Violations.List(schema.Fields.Where(f => f.IsNumeric).Select(f => f.Name));
}
