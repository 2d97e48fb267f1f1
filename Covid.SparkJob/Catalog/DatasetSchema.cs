namespace Covid.SparkJob.Catalog;

/// <summary>The schema of one CDC export: its columns in file order and the field time runs along.</summary>
public sealed record DatasetSchema(string Name, string Title, string DateField, IReadOnlyList<SchemaField> Fields)
{
    public SchemaField? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);
}
