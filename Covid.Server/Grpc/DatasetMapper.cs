using System.Globalization;
using Covid.Server.Datasets;
using Covid.Server.Storage;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.V1;
using Google.Protobuf.WellKnownTypes;

namespace Covid.Server.Grpc;

/// <summary>Dataset model → contract, in one place; with its owner and sharing, and no server paths.</summary>
public sealed class DatasetMapper(DatasetRegistry registry, DataLayout layout)
{
    public Dataset ToProto(DatasetInfo info)
    {
        var access = registry.AccessOf(info.Name);
        var dataset = new Dataset
        {
            Name = info.Name,
            Schema = info.Schema.Name,
            Source = layout.Relative(info.Source),
            Synthetic = info.Synthetic,
            RowCount = info.RowCount,
            SizeBytes = info.SizeBytes,
            MinDate = Format(info.MinDate),
            MaxDate = Format(info.MaxDate),
            CreateTime = Timestamp.FromDateTimeOffset(info.CreateTime),
            Owner = access.Owner,
            Shared = access.Shared,
        };
        dataset.Fields.AddRange(info.Schema.Fields.Select(f => new DatasetField
        {
            Name = f.Name,
            Type = ToProto(f.Type),
            Dimension = f.Dimension,
            Description = f.Description,
        }));
        return dataset;
    }

    private static DatasetField.Types.Type ToProto(FieldType type) => type switch
    {
        FieldType.Date => DatasetField.Types.Type.Date,
        FieldType.String => DatasetField.Types.Type.String,
        FieldType.Int64 => DatasetField.Types.Type.Int64,
        FieldType.Double => DatasetField.Types.Type.Double,
        FieldType.Timestamp => DatasetField.Types.Type.Timestamp,
        _ => DatasetField.Types.Type.Unspecified,
    };

    private static string Format(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
