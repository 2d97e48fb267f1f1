using System.Collections.Concurrent;
using Covid.Server.Tenancy;
using Covid.SparkJob.Errors;
using Covid.V1;

namespace Covid.Server.Jobs;

/// <summary>
/// All analyses in memory, by id and by the request_id they were submitted with. Request ids are
/// scoped to their owner, and an analysis the caller may not see is answered exactly like one that
/// does not exist, so ids of other tenants neither collide nor leak.
/// </summary>
public sealed class AnalysisIndex
{
    private readonly ConcurrentDictionary<string, AnalysisEntry> byId = new();
    private readonly ConcurrentDictionary<(string Owner, string RequestId), AnalysisEntry> byRequestId = new();

    public void Add(AnalysisEntry entry)
    {
        byId[entry.Id] = entry;
        if (entry.Analysis.RequestId.Length > 0)
        {
            byRequestId.TryAdd((entry.Owner, entry.Analysis.RequestId), entry);
        }
    }

    public bool Contains(string id) => byId.ContainsKey(id);

    public AnalysisEntry? FindByRequestId(Caller caller, string requestId) =>
        requestId.Length > 0 && byRequestId.TryGetValue((caller.Principal, requestId), out var entry) ? entry : null;

    public AnalysisEntry Get(string id, Caller caller)
    {
        if (!byId.TryGetValue(id, out var entry) || !caller.CanSee(entry.Owner))
        {
            throw ServiceException.NotFound($"analysis \"{AnalysisNames.Format(id)}\" does not exist");
        }
        return entry;
    }

    /// <summary>Analyses of <paramref name="owner"/> that are queued or running.</summary>
    public int ActiveCount(string owner) =>
        byId.Values.Count(e => e.Owner == owner && !AnalysisLifecycle.IsTerminal(e.Snapshot().State));

    /// <summary>What the caller may see, newest first; ties broken by id so paging is stable.</summary>
    public IReadOnlyList<Analysis> Newest(Caller caller) =>
        byId.Values.Where(e => caller.CanSee(e.Owner)).Select(e => e.Snapshot())
            .OrderByDescending(a => a.CreateTime.ToDateTimeOffset())
            .ThenByDescending(a => a.Name, StringComparer.Ordinal)
            .ToList();
}
