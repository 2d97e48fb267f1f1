using Covid.Server.Datasets;
using Covid.Server.Storage;
using Covid.Server.Tenancy;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Errors;
using Covid.SparkJob.Planning;
using Covid.V1;

namespace Covid.Server.Jobs;

/// <summary>
/// An analysis is pinned to the dataset versions its spec resolved to at submit: they are recorded
/// on the <see cref="Analysis"/> (and its result), held against deletion and pruning while it is
/// queued or running, and after a restart its plan is made again from those versions only — so a
/// later load never changes what a queued or running analysis reads.
/// </summary>
public sealed class DatasetPins(ITenantDatasets datasets, DataLayout layout)
{
    /// <summary>The name, number and hash of a recorded version; null for analyses stored before versions existed.</summary>
    public static DatasetVersionId? Identity(DatasetVersion? recorded) =>
        recorded is { Dataset.Length: > 0 } ? new DatasetVersionId(recorded.Dataset, recorded.Version, recorded.Sha256) : null;

    /// <summary>Writes the versions <paramref name="plan"/> reads onto <paramref name="analysis"/>.</summary>
    public void Record(Analysis analysis, AnalysisPlan plan)
    {
        analysis.DatasetVersion = DatasetVersionMapper.ToProto(plan.Dataset, layout);
        analysis.CompareVersion = plan.Then is { } then ? DatasetVersionMapper.ToProto(then, layout) : null;
    }

    /// <summary>The provenance of <paramref name="analysis"/> onto its result, so GetResult and the chart name their source.</summary>
    public static void Stamp(Result result, Analysis analysis)
    {
        result.DatasetVersion = analysis.DatasetVersion?.Clone();
        result.CompareVersion = analysis.CompareVersion?.Clone();
    }

    /// <summary>Holds the versions <paramref name="plan"/> reads until disposed; FAILED_PRECONDITION when one is no longer kept.</summary>
    public IDisposable Hold(AnalysisPlan plan)
    {
        var main = datasets.Use(plan.Dataset);
        if (plan.Then is not { } then)
        {
            return main;
        }
        try
        {
            return new Both(main, datasets.Use(then));
        }
        catch
        {
            main.Dispose();
            throw;
        }
    }

    /// <summary>
    /// What re-planning a stored analysis may read: only the versions recorded on it (resolving the
    /// spec's asOf or version among them finds the same ones again). FAILED_PRECONDITION when a
    /// recorded version is no longer kept; analyses stored before versions existed read the newest.
    /// </summary>
    public static IDatasetLookup Pinned(IDatasetLookup all, Analysis analysis)
    {
        if (Identity(analysis.DatasetVersion) is not { } main)
        {
            return all;
        }
        var pins = new[] { main, Identity(analysis.CompareVersion) }.OfType<DatasetVersionId>().ToList();
        var kept = all.Versions(main.Dataset).Where(v => pins.Contains(v.VersionId)).ToList();
        if (pins.FirstOrDefault(p => !kept.Any(v => v.VersionId == p)) is { } gone)
        {
            throw ServiceException.FailedPrecondition($"{gone} (sha256 {gone.Sha256}), which this analysis was submitted to read, is no longer kept");
        }
        return new PinnedLookup(all, kept, kept.Single(v => v.VersionId == main));
    }

    private sealed class PinnedLookup(IDatasetLookup all, IReadOnlyList<DatasetInfo> kept, DatasetInfo main) : IDatasetLookup
    {
        public DatasetInfo? Find(string name) => name == main.Name ? main : all.Find(name);

        public IEnumerable<string> Names => all.Names;

        public IReadOnlyList<DatasetInfo> Versions(string name) => name == main.Name ? kept : all.Versions(name);
    }

    private sealed class Both(IDisposable first, IDisposable second) : IDisposable
    {
        public void Dispose()
        {
            first.Dispose();
            second.Dispose();
        }
    }
}
