using Covid.Server.Tenancy;

namespace Covid.Server.Jobs;

/// <summary>
/// Analyses newest first (ties broken by id, so paging is stable), kept sorted as they come and
/// go, for all (admins) and per owner: a page of ListAnalyses is a walk of its length from where
/// the last one ended, not a sort of everything. Not thread-safe: <see cref="AnalysisIndex"/> locks.
/// </summary>
internal sealed class AnalysisOrder
{
    private static readonly IComparer<AnalysisKey> NewestFirst = Comparer<AnalysisKey>.Create((a, b) =>
        a.Created != b.Created ? b.Created.CompareTo(a.Created) : string.CompareOrdinal(b.Id, a.Id));

    private readonly SortedSet<AnalysisKey> all = new(NewestFirst);
    private readonly Dictionary<string, SortedSet<AnalysisKey>> byOwner = new(StringComparer.Ordinal);

    public void Add(string owner, AnalysisKey key)
    {
        all.Add(key);
        if (!byOwner.TryGetValue(owner, out var mine))
        {
            byOwner[owner] = mine = new SortedSet<AnalysisKey>(NewestFirst);
        }
        mine.Add(key);
    }

    public void Remove(string owner, AnalysisKey key)
    {
        all.Remove(key);
        if (byOwner.TryGetValue(owner, out var mine))
        {
            mine.Remove(key);
        }
    }

    /// <summary>Up to <paramref name="count"/> keys the caller may see, after <paramref name="after"/> (null: from the newest), and whether more follow.</summary>
    public (List<AnalysisKey> Page, bool More) Page(Caller caller, AnalysisKey? after, int count)
    {
        var set = caller.IsAdmin ? all : byOwner.GetValueOrDefault(caller.Principal);
        var page = new List<AnalysisKey>(Math.Min(count, 1024));
        if (set is null || set.Count == 0)
        {
            return (page, false);
        }
        var view = after is null ? set : NewestFirst.Compare(after, set.Max) >= 0 ? null : set.GetViewBetween(after, set.Max);
        if (view is null)
        {
            return (page, false);
        }
        foreach (var key in view)
        {
            if (after is not null && NewestFirst.Compare(key, after) == 0)
            {
                continue;
            }
            if (page.Count == count)
            {
                return (page, true);
            }
            page.Add(key);
        }
        return (page, false);
    }
}
