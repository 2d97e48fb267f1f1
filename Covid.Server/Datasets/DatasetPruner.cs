using Covid.Server.Storage;
using Covid.SparkJob.Datasets;
using Microsoft.Extensions.Options;

namespace Covid.Server.Datasets;

/// <summary>
/// <c>Data:KeepVersions</c>: after a load, the oldest versions beyond it are retired (their
/// directories renamed into the trash), never the newest and never one a queued or running
/// analysis reads. A pinned version stays, and goes at a later load once nothing uses it; until
/// then a name keeps more versions than the setting.
/// </summary>
public sealed class DatasetPruner(DataLayout layout, DatasetUses uses, IOptions<DataOptions> options, ILogger<DatasetPruner> logger)
{
    /// <summary>
    /// The entry without the versions retired now, those versions (still marked retiring in
    /// <see cref="DatasetUses"/>: call <see cref="EndRetiring"/> once the entry is replaced) and
    /// the trash directories to delete. Runs under the registry's publish lock.
    /// </summary>
    public (DatasetEntry Kept, List<DatasetInfo> Retired, List<string> Trash) Prune(DatasetEntry entry)
    {
        var keep = options.Value.KeepVersions;
        var excess = entry.Versions.Count - keep;
        var kept = new List<DatasetInfo>();
        var retired = new List<DatasetInfo>();
        var trash = new List<string>();
        foreach (var version in entry.Versions)
        {
            if (retired.Count >= excess || version.Version == entry.Newest.Version || uses.TryRetire(version.Name, version.Version) > 0)
            {
                kept.Add(version);
                continue;
            }
            try
            {
                if (DatasetFiles.Retire(version, layout) is { } directory)
                {
                    trash.Add(directory);
                }
                retired.Add(version);
                logger.LogInformation("Dataset {Name} version {Version} pruned (Data:KeepVersions {Keep})", version.Name, version.Version, keep);
            }
            catch (IOException ex)
            {
                logger.LogWarning("Could not prune dataset {Name} version {Version}; it is kept: {Message}", version.Name, version.Version, ex.Message);
                kept.Add(version);
                uses.EndRetiring(version.Name, version.Version);
            }
        }
        if (kept.Count > keep)
        {
            logger.LogInformation("Dataset {Name} keeps {Count} versions, more than Data:KeepVersions {Keep}: queued or running analyses read the older ones",
                entry.Newest.Name, kept.Count, keep);
        }
        return (entry with { Versions = kept }, retired, trash);
    }

    /// <summary>Lets uses be taken again: the retired versions are no longer in the registry, so taking one fails as "deleted".</summary>
    public void EndRetiring(IEnumerable<DatasetInfo> retired)
    {
        foreach (var version in retired)
        {
            uses.EndRetiring(version.Name, version.Version);
        }
    }

    /// <summary>Bytes the pruning after one more load of the name would free, as things stand now (for the storage quota).</summary>
    public long BytesFreedByNextVersion(DatasetEntry entry) =>
        entry.Versions.Where(v => uses.Count(v.Name, v.Version) == 0)
            .Take(Math.Max(0, entry.Versions.Count + 1 - options.Value.KeepVersions))
            .Sum(v => v.SizeBytes);
}
