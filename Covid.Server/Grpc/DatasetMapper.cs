using System.Globalization;
using Covid.Server.Datasets;
using Covid.Server.Storage;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.V1;
using Google.Protobuf.WellKnownTypes;

namespace Covid.Server.Grpc;

/// <summary>Dataset model → contract, in one place; with its owner, sharing and newest version, and no server paths.</summary>
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
            ExportForm = SchemaMapper.ToProto(info.FileLayout.Form),
            Version = info.Version,
            Sha256 = info.Sha256,
            DataAsOf = Format(info.AsOf),
            VersionCount = Math.Max(1, registry.Versions(info.Name).Count),
        };
        dataset.Fields.AddRange(info.Schema.Fields.Select(SchemaMapper.ToProto));
        dataset.MissingFields.AddRange(info.FileLayout.MissingFields(info.Schema));
        dataset.IgnoredColumns.AddRange(info.FileLayout.IgnoredColumns(info.Schema));
        return dataset;
    }

    /// <summary>One version, with the queued or running analyses that read it.</summary>
    public DatasetVersion ToProto(DatasetInfo version, int activeAnalyses) => DatasetVersionMapper.ToProto(version, layout, activeAnalyses);

    private static string Format(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
