using System.Globalization;
using Covid.Server.Storage;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.V1;
using Google.Protobuf.WellKnownTypes;

namespace Covid.Server.Datasets;

/// <summary>One dataset version as the contract's <see cref="DatasetVersion"/>: its identity and provenance, with no server paths.</summary>
public static class DatasetVersionMapper
{
    public static DatasetVersion ToProto(DatasetInfo info, DataLayout layout, int activeAnalyses = 0)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(layout);
        return new DatasetVersion
        {
            Dataset = info.Name,
            Version = info.Version,
            Sha256 = info.Sha256,
            Source = layout.Relative(info.Source),
            DataAsOf = Day(info.AsOf),
            DataAsOfBasis = info.DataAsOfBasis,
            LoadTime = Timestamp.FromDateTimeOffset(info.CreateTime),
            Schema = info.Schema.Name,
            ExportForm = info.FileLayout.Form == ExportForm.Soda ? Dataset.Types.ExportForm.Soda : Dataset.Types.ExportForm.RowsCsv,
            RowCount = info.RowCount,
            SizeBytes = info.SizeBytes,
            MinDate = info.MinDate is { } min ? Day(min) : "",
            MaxDate = info.MaxDate is { } max ? Day(max) : "",
            Synthetic = info.Synthetic,
            ActiveAnalyses = activeAnalyses,
        };
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
