using Covid.SparkJob.Catalog;
using Covid.SparkJob.Geography;
using Covid.V1;

namespace Covid.Server.Grpc;

/// <summary>Catalog schemas and their fields → contract, in one place.</summary>
public static class SchemaMapper
{
    public static Schema ToProto(DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var proto = new Schema
        {
            Name = schema.Name,
            Title = schema.Title,
            RowsUrl = schema.ExportUrls.GetValueOrDefault(ExportForm.Rows, ""),
            SodaUrl = schema.ExportUrls.GetValueOrDefault(ExportForm.Soda, ""),
            Grain = schema.Grain.Code,
            GrainDescription = schema.Grain.Describe(),
            TimeField = schema.DateField,
            GeographyField = schema.Geography?.Field ?? "",
            Source = schema.Source,
        };
        proto.CdcIds.AddRange(schema.CdcIds);
        proto.ExportForms.AddRange(schema.Forms.Select(ToProto));
        proto.GeoLevels.AddRange(schema.Geography?.Levels.Select(l => l.Code()) ?? []);
        proto.Fields.AddRange(schema.Fields.Select(ToProto));
        return proto;
    }

    public static DatasetField ToProto(SchemaField field) => new()
    {
        Name = field.Name,
        Type = ToProto(field.Type),
        Dimension = field.Dimension,
        Description = field.Description,
        Role = field.Role switch
        {
            FieldRole.Time => DatasetField.Types.Role.Time,
            FieldRole.Geography => DatasetField.Types.Role.Geography,
            FieldRole.Dimension => DatasetField.Types.Role.Dimension,
            _ => DatasetField.Types.Role.Measure,
        },
        Unit = field.Unit,
        Additivity = field.Additivity switch
        {
            Additivity.TimeAndGeography => DatasetField.Types.Additivity.TimeAndGeography,
            Additivity.GeographyOnly => DatasetField.Types.Additivity.GeographyOnly,
            _ => DatasetField.Types.Additivity.NotAdditive,
        },
        RowsColumn = field.RowsColumn ?? "",
        SodaColumn = field.SodaColumn ?? "",
        Derived = field.IsDerived,
        Suppression = field.Suppression?.Describe() ?? "",
    };

    public static Dataset.Types.ExportForm ToProto(ExportForm form) =>
        form == ExportForm.Soda ? Dataset.Types.ExportForm.Soda : Dataset.Types.ExportForm.RowsCsv;

    private static DatasetField.Types.Type ToProto(FieldType type) => type switch
    {
        FieldType.Date => DatasetField.Types.Type.Date,
        FieldType.String => DatasetField.Types.Type.String,
        FieldType.Int64 => DatasetField.Types.Type.Int64,
        FieldType.Double => DatasetField.Types.Type.Double,
        FieldType.Timestamp => DatasetField.Types.Type.Timestamp,
        _ => DatasetField.Types.Type.Unspecified,
    };
}
