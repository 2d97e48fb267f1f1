namespace Covid.Server.Plots;

/// <summary>
/// The PNGs of recently drawn charts, least recently used out first, within a fixed number of
/// bytes: a client asks for a chart right after it is drawn, so GetPlot streams it from memory
/// instead of reading back the file just written. A chart never changes once drawn, and only
/// whole PNGs are added, so what is served is never stale or half drawn.
/// </summary>
internal sealed class RecentPlots(long capacityBytes)
{
    private readonly Lock gate = new();
    private readonly LinkedList<(string Id, byte[] Png)> order = new();
    private readonly Dictionary<string, LinkedListNode<(string Id, byte[] Png)>> byId = new(StringComparer.Ordinal);
    private long bytes;

    public bool TryGet(string id, out byte[] png)
    {
        lock (gate)
        {
            if (byId.TryGetValue(id, out var hit))
            {
                order.Remove(hit);
                order.AddFirst(hit);
                png = hit.Value.Png;
                return true;
            }
        }
        png = [];
        return false;
    }

    public void Add(string id, byte[] png)
    {
        if (png.Length > capacityBytes)
        {
            return;
        }
        lock (gate)
        {
            if (byId.ContainsKey(id))
            {
                return;
            }
            byId[id] = order.AddFirst((id, png));
            bytes += png.Length;
            while (bytes > capacityBytes && order.Last is { } oldest)
            {
                order.RemoveLast();
                byId.Remove(oldest.Value.Id);
                bytes -= oldest.Value.Png.Length;
            }
        }
    }
}
