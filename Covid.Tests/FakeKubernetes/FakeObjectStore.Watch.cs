using System.Globalization;
using k8s;

namespace Covid.Tests.FakeKubernetes;

/// <summary>Event history and watches (the part of the store a watch=true request reads).</summary>
public sealed partial class FakeObjectStore
{
    private readonly LinkedList<StoreEvent> _history;
    private readonly List<WatchSubscription> _watchers = [];

    /// <summary>Every event with a resourceVersion greater than this is still in the history.</summary>
    private long _historyStart;

    /// <summary>How many watches (not counting the kubelet's own) are open right now.</summary>
    public int OpenWatches
    {
        get
        {
            lock (_gate)
            {
                return _watchers.Count(w => !w.IsInternal);
            }
        }
    }

    /// <summary>
    /// Forgets all history, as an etcd compaction does: a watch resumed from any resourceVersion
    /// handed out so far gets 410 Expired; a fresh list gives a resourceVersion that works again.
    /// </summary>
    public void CompactHistory()
    {
        lock (_gate)
        {
            _history.Clear();
            // Burn one version so even the very latest RV a client holds is now too old.
            _historyStart = ++_rv;
        }
    }

    /// <summary>Ends every open API watch: cleanly (the stream ends) or, with <paramref name="abort"/>, as a broken connection.</summary>
    public void DropWatches(bool abort = false)
    {
        lock (_gate)
        {
            foreach (var w in _watchers.Where(w => !w.IsInternal).ToList())
            {
                w.Close(abort);
                _watchers.Remove(w);
            }
        }
    }

    /// <summary>Sends a BOOKMARK with the current resourceVersion to every watch that allowed bookmarks.</summary>
    public void SendBookmarks()
    {
        lock (_gate)
        {
            foreach (var w in _watchers.Where(w => w.Bookmarks))
            {
                w.Push(StoreEvent.Bookmark(w.Kind, _rv));
            }
        }
    }

    /// <summary>
    /// Opens a watch. No resourceVersion (or "0") starts with a synthetic ADDED per existing object;
    /// otherwise every retained event after it is replayed first. Too old → 410 Expired.
    /// </summary>
    internal WatchSubscription Watch(ResourceKind kind, string? ns, string? name, string? resourceVersion, bool bookmarks, bool isInternal)
    {
        var sub = new WatchSubscription(kind, ns, name, bookmarks, isInternal);
        lock (_gate)
        {
            if (string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0")
            {
                foreach (var o in _objects.Values.Where(o => ResourceKind.Of(o) == kind))
                {
                    var m = o.Metadata;
                    var e = new StoreEvent(long.Parse(m.ResourceVersion, CultureInfo.InvariantCulture), "ADDED", kind, m.NamespaceProperty, m.Name, KubernetesJson.Serialize(o), m.Labels, null);
                    if (sub.Wants(e))
                    {
                        sub.Push(e);
                    }
                }
            }
            else
            {
                if (!long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var from))
                {
                    throw KubeApiException.BadRequest($"invalid resource version \"{resourceVersion}\"");
                }
                if (from < _historyStart)
                {
                    throw KubeApiException.Expired();
                }
                foreach (var e in _history.Where(e => e.ResourceVersion > from && sub.Wants(e)))
                {
                    sub.Push(e);
                }
            }
            if (bookmarks)
            {
                sub.Push(StoreEvent.Bookmark(kind, _rv));
            }
            _watchers.Add(sub);
        }
        return sub;
    }

    internal void Unwatch(WatchSubscription sub)
    {
        lock (_gate)
        {
            _watchers.Remove(sub);
        }
    }

    /// <summary>Appends to the bounded history and fans out to watches (caller holds the lock).</summary>
    private void Record(StoreEvent e)
    {
        _history.AddLast(e);
        while (_history.Count > _options.HistoryLimit)
        {
            _historyStart = _history.First!.Value.ResourceVersion;
            _history.RemoveFirst();
        }
        foreach (var w in _watchers)
        {
            if (w.Wants(e))
            {
                w.Push(e);
            }
        }
        WakeCollector();
    }
}
