using System.Globalization;
using Covid.SparkJob.Datasets;
using Covid.V1;
using Google.Protobuf.WellKnownTypes;

namespace Covid.Server.Grpc;

/// <summary>Dataset model → contract, in one place.</summary>
public static class DatasetMapper
{
    public static Dataset ToProto(DatasetInfo info)
    {
        var dataset = new Dataset
        {
            Name = info.Name,
            Schema = info.Schema.Name,
            Source = info.Source,
            Synthetic = info.Synthetic,
            RowCount = info.RowCount,
            SizeBytes = info.SizeBytes,
            MinDate = Format(info.MinDate),
            MaxDate = Format(info.MaxDate),
            CreateTime = Timestamp.FromDateTimeOffset(info.CreateTime),
            ExportForm = SchemaMapper.ToProto(info.FileLayout.Form),
        };
        dataset.Fields.AddRange(info.Schema.Fields.Select(SchemaMapper.ToProto));
        dataset.MissingFields.AddRange(info.FileLayout.MissingFields(info.Schema));
        dataset.IgnoredColumns.AddRange(info.FileLayout.IgnoredColumns(info.Schema));
        return dataset;
    }

    private static string Format(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
