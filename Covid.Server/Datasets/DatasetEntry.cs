using Covid.SparkJob.Datasets;

namespace Covid.Server.Datasets;

/// <summary>One dataset name: who may use it and its kept versions, oldest first (never empty).</summary>
public sealed record DatasetEntry(DatasetAccess Access, IReadOnlyList<DatasetInfo> Versions)
{
    public DatasetInfo Newest => Versions[^1];

    public DatasetInfo? Version(int number) => DatasetVersions.Number(Versions, number);

    /// <summary>The next version number: numbers are never reused while the name exists (pruned ones included).</summary>
    public int NextNumber(int onDisk) => Math.Max(Versions.Max(v => v.Version), onDisk) + 1;
}
