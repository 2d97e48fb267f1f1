using Covid.Server.Progress;
using Covid.Server.Storage;
using Covid.Server.Tenancy;
using Covid.SparkJob.Errors;
using Covid.V1;
using State = Covid.V1.Analysis.Types.State;
using Stage = Covid.V1.ProgressEvent.Types.Stage;

namespace Covid.Server.Jobs;

/// <summary>
/// Every analysis the server knows: by id, by the request_id it was submitted with, in
/// ListAnalyses order, and how many each owner has queued or running. Analyses that finished
/// before this start are known from <see cref="FinishedLog"/> alone and read from their folder the
/// first time someone asks for one, so start-up does not read every folder; until that history is
/// loaded (see <see cref="AnalysisHistory"/>) a lookup that misses and a page wait for it, while lookups of analyses in memory (unfinished or submitted since) answer at once. Request ids are scoped
/// to their owner, and an analysis the caller may not see is answered exactly like one that does
/// not exist, so ids of other tenants neither collide nor leak.
/// </summary>
public sealed class AnalysisIndex(AnalysisStore store, ProgressHub hub, AnalysisHistory history)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Known> known = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Owner, string RequestId), string> byRequestId = [];
    private readonly Dictionary<string, int> active = new(StringComparer.Ordinal);
    private readonly AnalysisOrder order = new();

    /// <summary>An analysis in memory: submitted now, or read at start-up.</summary>
    public void Add(AnalysisEntry entry)
    {
        var analysis = entry.Analysis;
        var key = new AnalysisKey(analysis.CreateTime?.ToDateTimeOffset().UtcTicks ?? 0, entry.Id);
        var finished = AnalysisLifecycle.IsTerminal(analysis.State);
        Register(new Known(entry.Owner, analysis.RequestId, key)
        {
            Entry = entry,
            Finished = finished,
            Ended = finished ? analysis.EndTime?.ToDateTimeOffset().UtcTicks ?? 0 : 0,
        });
    }

    /// <summary>Whether the analysis still exists (it was not expired or discarded).</summary>
    public bool Contains(string id)
    {
        lock (gate)
        {
            return known.ContainsKey(id);
        }
    }

    /// <summary>A finished analysis known from its line in <see cref="FinishedLog"/>, read when first asked for.</summary>
    public void AddFinished(FinishedRecord record, string line) =>
        Register(new Known(Caller.OwnerOrAnonymous(record.Owner), record.RequestId, new AnalysisKey(record.Created, record.Id))
        {
            Line = line,
            Finished = true,
            Ended = record.Ended,
        });

    public AnalysisEntry? FindByRequestId(Caller caller, string requestId)
    {
        if (requestId.Length == 0)
        {
            return null;
        }
        if (RequestIdOf(caller, requestId) is not { } id)
        {
            // Not in memory: it may be a finished analysis the history has not brought back yet.
            history.Wait();
            id = RequestIdOf(caller, requestId);
        }
        return id is null ? null : Find(id);
    }

    private string? RequestIdOf(Caller caller, string requestId)
    {
        lock (gate)
        {
            return byRequestId.GetValueOrDefault((caller.Principal, requestId));
        }
    }

    public AnalysisEntry Get(string id, Caller caller)
    {
        if (Find(id) is not { } entry || !caller.CanSee(entry.Owner))
        {
            throw ServiceException.NotFound($"analysis \"{AnalysisNames.Format(id)}\" does not exist");
        }
        return entry;
    }

    /// <summary>Analyses of <paramref name="owner"/> that are queued or running: counted as they start and finish.</summary>
    public int ActiveCount(string owner)
    {
        lock (gate)
        {
            return active.GetValueOrDefault(owner);
        }
    }

    /// <summary>Called once an analysis' terminal state is saved.</summary>
    public void Finished(AnalysisEntry entry)
    {
        lock (gate)
        {
            if (known.TryGetValue(entry.Id, out var k) && !k.Finished)
            {
                k.Finished = true;
                k.Ended = entry.Analysis.EndTime?.ToDateTimeOffset().UtcTicks ?? DateTimeOffset.UtcNow.UtcTicks;
                active[k.Owner]--;
            }
        }
    }

    /// <summary>A page of what the caller may see, newest first, after <paramref name="after"/>; and the key to go on from, if more follow.</summary>
    public (List<Analysis> Page, AnalysisKey? Next) Page(Caller caller, AnalysisKey? after, int size)
    {
        history.Wait();
        List<AnalysisKey> keys;
        bool more;
        lock (gate)
        {
            (keys, more) = order.Page(caller, after, size);
        }
        // Outside the gate: an analysis not yet read is read from its folder here.
        var page = keys.Select(k => Find(k.Id)?.Snapshot()).OfType<Analysis>().ToList();
        return (page, more && keys.Count > 0 ? keys[^1] : null);
    }

    /// <summary>Finished analyses that ended before <paramref name="cutoffTicks"/> (UTC ticks).</summary>
    public List<string> EndedBefore(long cutoffTicks)
    {
        lock (gate)
        {
            return known.Where(k => k.Value.Finished && k.Value.Ended < cutoffTicks).Select(k => k.Key).ToList();
        }
    }

    /// <summary>The <see cref="FinishedLog"/> line of every finished analysis known, for rewriting it.</summary>
    public List<string> FinishedLines()
    {
        List<(string? Line, AnalysisEntry? Entry)> finished;
        lock (gate)
        {
            finished = known.Values.Where(k => k.Finished).Select(k => (k.Line, k.Entry)).ToList();
        }
        // Entries are read outside the gate (lifecycle holds an entry's gate while it calls in here).
        return finished.Select(f => f.Line ?? FinishedLog.LineOf(f.Entry!.Snapshot())).ToList();
    }

    /// <summary>Forgets an analysis (it expired); its folder is the caller's to remove.</summary>
    public void Remove(string id)
    {
        lock (gate)
        {
            if (!known.Remove(id, out var k))
            {
                return;
            }
            order.Remove(k.Owner, k.Key);
            if (k.RequestId.Length > 0 && byRequestId.TryGetValue((k.Owner, k.RequestId), out var mapped) && mapped == id)
            {
                byRequestId.Remove((k.Owner, k.RequestId));
            }
            if (!k.Finished)
            {
                active[k.Owner]--;
            }
        }
    }

    private void Register(Known k)
    {
        lock (gate)
        {
            if (!known.TryAdd(k.Key.Id, k))
            {
                // Already in memory (recovered or submitted before the history load reached it): that one is current.
                return;
            }
            order.Add(k.Owner, k.Key);
            if (k.RequestId.Length > 0)
            {
                byRequestId.TryAdd((k.Owner, k.RequestId), k.Key.Id);
            }
            if (!k.Finished)
            {
                active[k.Owner] = active.GetValueOrDefault(k.Owner) + 1;
            }
        }
    }

    private AnalysisEntry? Find(string id)
    {
        Known? k;
        lock (gate)
        {
            known.TryGetValue(id, out k);
        }
        if (k is null && !history.IsLoaded)
        {
            history.Wait();
        }
        lock (gate)
        {
            if (k is null && !known.TryGetValue(id, out k))
            {
                return null;
            }
            if (k.Entry is { } loaded)
            {
                return loaded;
            }
        }
        // One reader per analysis, outside the index's gate: it reads files.
        lock (k)
        {
            if (k.Entry is null && Read(id, FinishedLog.SummaryOf(k.Line!)) is { } entry)
            {
                k.Entry = entry;
                k.Line = null;
            }
        }
        if (k.Entry is null)
        {
            Remove(id);
        }
        return k.Entry;
    }

    /// <summary>
    /// A finished analysis from its folder. Its summary line is the truth about how it ended: the
    /// SUCCEEDED state is saved without a flush, so after a machine crash outcome.json may be gone
    /// (the analysis then reads as QUEUED) while the line (written after it) survived.
    /// </summary>
    private AnalysisEntry? Read(string id, string summary)
    {
        if (store.Load(id) is not { } stored)
        {
            return null;
        }
        if (!AnalysisLifecycle.IsTerminal(stored.State))
        {
            var ended = StoredJson.Parse<Analysis>(summary);
            ended.Spec = stored.Spec;
            stored = ended;
        }
        store.DeleteTemps(id);
        stored.Owner = Caller.OwnerOrAnonymous(stored.Owner);
        var events = hub.Restore(id);
        stored.Progress = events.Count > 0 ? events[^1] : stored.Progress;
        if (events.Count == 0 || events[^1].Stage != Stage.Finished)
        {
            // Its FINISHED event was lost with a crash: streams over it must still end.
            stored.Progress = hub.Publish(id, new ProgressEvent
            {
                Analysis = stored.Name,
                Stage = Stage.Finished,
                State = stored.State,
                Fraction = stored.State == State.Succeeded ? 1 : stored.Progress?.Fraction ?? 0,
                Message = stored.State.ToString().ToLowerInvariant(),
            });
        }
        return new AnalysisEntry(stored);
    }

    private sealed class Known(string owner, string requestId, AnalysisKey key)
    {
        public string Owner { get; } = owner;

        public string RequestId { get; } = requestId;

        public AnalysisKey Key { get; } = key;

        /// <summary>Null until read, for analyses known from the finished log.</summary>
        public AnalysisEntry? Entry { get; set; }

        /// <summary>Its <see cref="FinishedLog"/> line while <see cref="Entry"/> is not read yet.</summary>
        public string? Line { get; set; }

        public bool Finished { get; set; }

        /// <summary>UTC ticks of the end, once finished.</summary>
        public long Ended { get; set; }
    }
}
