using System.Security.Cryptography;
using Covid.SparkJob.Datasets;
using Covid.V1;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using State = Covid.V1.Analysis.Types.State;

namespace Covid.Server.Jobs;

/// <summary>
/// Which analysis last ran each spec over each dataset load, per owner, so an identical spec is
/// answered with the earlier SUCCEEDED analysis instead of being run again. The key is the spec's
/// bytes and the identity of the exact rows it read: a new load of the dataset is a new key, so
/// nothing is ever answered from data older than what the spec would read now. Holds at most
/// <c>Jobs:SpecCacheEntries</c> keys, least recently used out first; remembers only analyses
/// submitted since the server started (start-up reads no finished analysis).
/// </summary>
public sealed class SpecCache(IOptions<JobOptions> options, AnalysisMetrics metrics)
{
    private readonly Lock gate = new();
    private readonly LinkedList<(string Key, AnalysisEntry Entry)> order = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, AnalysisEntry Entry)>> byKey = new(StringComparer.Ordinal);

    public bool Enabled => options.Value.SpecCacheEntries > 0;

    public static string Key(string owner, AnalysisSpec spec, DatasetInfo dataset, DatasetInfo? then)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{owner}\n{DatasetIdentity(dataset)}\n{(then is null ? "" : DatasetIdentity(then))}\n"));
        // Protobuf writes a message's known fields in field order, so equal specs give equal bytes.
        hash.AppendData(spec.ToByteArray());
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>What tells two loads of one dataset apart: its version and the original's hash (and, for a CSV read in place, the file and when it was registered).</summary>
    private static string DatasetIdentity(DatasetInfo dataset) =>
        $"{dataset.VersionId}\n{dataset.ReadPath}\n{dataset.CreateTime.UtcTicks}";

    /// <summary>The earlier analysis of this key if it SUCCEEDED and still exists; null otherwise.</summary>
    public AnalysisEntry? FindSucceeded(string key, Func<string, bool> exists)
    {
        AnalysisEntry? found = null;
        lock (gate)
        {
            if (byKey.TryGetValue(key, out var node))
            {
                if (!exists(node.Value.Entry.Id))
                {
                    Remove(node);
                }
                else if (IsSucceeded(node.Value.Entry))
                {
                    order.Remove(node);
                    order.AddFirst(node);
                    found = node.Value.Entry;
                }
            }
        }
        metrics.CacheLookup("spec", hit: found is not null);
        return found;
    }

    /// <summary>Remembers the analysis just submitted for its key, unless the one there already succeeded.</summary>
    public void Add(string key, AnalysisEntry entry)
    {
        var limit = options.Value.SpecCacheEntries;
        lock (gate)
        {
            if (byKey.TryGetValue(key, out var node))
            {
                if (IsSucceeded(node.Value.Entry))
                {
                    return;
                }
                Remove(node);
            }
            byKey[key] = order.AddFirst((key, entry));
            while (byKey.Count > limit && order.Last is { } oldest)
            {
                Remove(oldest);
            }
        }
    }

    private void Remove(LinkedListNode<(string Key, AnalysisEntry Entry)> node)
    {
        order.Remove(node);
        byKey.Remove(node.Value.Key);
    }

    private static bool IsSucceeded(AnalysisEntry entry)
    {
        lock (entry.Gate)
        {
            return entry.Analysis.State == State.Succeeded;
        }
    }
}
