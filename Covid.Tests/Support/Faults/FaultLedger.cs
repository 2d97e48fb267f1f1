namespace Covid.Tests.Support.Faults;

/// <summary>
/// What the server acknowledged during the fault trials (and what it may have done without
/// answering), so a check after each restart can tell lost, stuck and wrong from fine.
/// </summary>
internal sealed class FaultLedger
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, int> analyses = [];
    private readonly Dictionary<string, int> unanswered = [];
    private readonly Dictionary<string, DatasetVersions> datasets = [];

    /// <summary>Acknowledged analyses: name → the spec variant it was submitted with.</summary>
    public IReadOnlyDictionary<string, int> Analyses
    {
        get { lock (gate) { return new Dictionary<string, int>(analyses); } }
    }

    /// <summary>Submits that got no answer: request_id → variant, retried (AIP-155) after the restart.</summary>
    public IReadOnlyDictionary<string, int> Unanswered
    {
        get { lock (gate) { return new Dictionary<string, int>(unanswered); } }
    }

    public IReadOnlyDictionary<string, DatasetVersions> Datasets
    {
        get { lock (gate) { return datasets.ToDictionary(kv => kv.Key, kv => kv.Value with { Possible = [.. kv.Value.Possible] }); } }
    }

    public int AcknowledgedUploads { get; private set; }

    public void Submitting(string requestId, int variant)
    {
        lock (gate) { unanswered[requestId] = variant; }
    }

    public void Submitted(string requestId, string name)
    {
        lock (gate)
        {
            analyses[name] = unanswered[requestId];
            unanswered.Remove(requestId);
        }
    }

    public void Uploading(string name, long rows)
    {
        lock (gate)
        {
            var versions = datasets.TryGetValue(name, out var known) ? known : new DatasetVersions(null, []);
            versions.Possible.Add(rows);
            datasets[name] = versions;
        }
    }

    /// <summary>From now on only this version (or a later upload's) may be there.</summary>
    public void Uploaded(string name, long rows)
    {
        lock (gate)
        {
            datasets[name] = new DatasetVersions(rows, [rows]);
            AcknowledgedUploads++;
        }
    }
}

/// <summary>The row count of a dataset's acknowledged version (null: none yet) and every row count it may show.</summary>
internal sealed record DatasetVersions(long? Acknowledged, HashSet<long> Possible);
