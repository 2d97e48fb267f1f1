using Covid.V1;
using Microsoft.Extensions.Options;

namespace Covid.Server.Jobs;

/// <summary>
/// Recently used results, least recently used out first, within <c>Jobs:ResultCacheBytes</c> of
/// their encoded size: a client fetches a result right after it is stored, often again, and its
/// chart is drawn from it. Results never change once stored, so nothing is ever stale.
/// </summary>
public sealed class ResultCache(IOptions<JobOptions> options, AnalysisMetrics metrics)
{
    private readonly Lock gate = new();
    private readonly LinkedList<(string Id, Result Result, long Bytes)> order = new();
    private readonly Dictionary<string, LinkedListNode<(string Id, Result Result, long Bytes)>> byId = new(StringComparer.Ordinal);
    private long bytes;

    public Result GetOrLoad(string id, Func<string, Result> load)
    {
        lock (gate)
        {
            if (byId.TryGetValue(id, out var hit))
            {
                order.Remove(hit);
                order.AddFirst(hit);
                metrics.CacheLookup("result", hit: true);
                return hit.Value.Result;
            }
        }
        metrics.CacheLookup("result", hit: false);
        var result = load(id);
        Add(id, result);
        return result;
    }

    public void Remove(string id)
    {
        lock (gate)
        {
            if (byId.Remove(id, out var node))
            {
                order.Remove(node);
                bytes -= node.Value.Bytes;
            }
        }
    }

    public void Add(string id, Result result)
    {
        var size = result.CalculateSize();
        lock (gate)
        {
            if (byId.ContainsKey(id) || size > options.Value.ResultCacheBytes)
            {
                return;
            }
            byId[id] = order.AddFirst((id, result, size));
            bytes += size;
            while (bytes > options.Value.ResultCacheBytes && order.Last is { } oldest)
            {
                order.RemoveLast();
                byId.Remove(oldest.Value.Id);
                bytes -= oldest.Value.Bytes;
            }
        }
    }
}
