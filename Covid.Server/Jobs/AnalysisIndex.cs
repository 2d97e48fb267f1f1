using System.Collections.Concurrent;
using Covid.SparkJob.Errors;
using Covid.V1;

namespace Covid.Server.Jobs;

/// <summary>All analyses in memory, by id and by the request_id they were submitted with.</summary>
public sealed class AnalysisIndex
{
    private readonly ConcurrentDictionary<string, AnalysisEntry> byId = new();
    private readonly ConcurrentDictionary<string, AnalysisEntry> byRequestId = new();

    public void Add(AnalysisEntry entry)
    {
        byId[entry.Id] = entry;
        if (entry.Analysis.RequestId.Length > 0)
        {
            byRequestId.TryAdd(entry.Analysis.RequestId, entry);
        }
    }

    public AnalysisEntry? FindByRequestId(string requestId) =>
        requestId.Length > 0 && byRequestId.TryGetValue(requestId, out var entry) ? entry : null;

    public AnalysisEntry Get(string id)
    {
        if (!byId.TryGetValue(id, out var entry))
        {
            throw ServiceException.NotFound($"analysis \"{AnalysisNames.Format(id)}\" does not exist");
        }
        return entry;
    }

    /// <summary>Newest first; ties broken by id so paging is stable.</summary>
    public IReadOnlyList<Analysis> Newest() =>
        byId.Values.Select(e => e.Snapshot())
            .OrderByDescending(a => a.CreateTime.ToDateTimeOffset())
            .ThenByDescending(a => a.Name, StringComparer.Ordinal)
            .ToList();
}
