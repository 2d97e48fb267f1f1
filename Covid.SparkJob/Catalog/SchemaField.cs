namespace Covid.SparkJob.Catalog;

/// <summary>One column of a CDC export, by the name data.cdc.gov gives it.</summary>
/// <param name="Name">The CSV header name; also the only identifier a spec may use.</param>
/// <param name="Type">The typed value it is converted to at ingestion.</param>
/// <param name="Dimension">True for fields to filter and group by; false for measures.</param>
/// <param name="Description">For people (ListDatasets).</param>
/// <param name="CsvFormat">How the CSV writes it when not plain: a .NET date pattern such as "MM/dd/yyyy".</param>
public sealed record SchemaField(string Name, FieldType Type, bool Dimension, string Description, string? CsvFormat = null)
{
    public bool IsNumeric => Type is FieldType.Int64 or FieldType.Double;
}
