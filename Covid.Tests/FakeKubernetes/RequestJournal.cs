namespace Covid.Tests.FakeKubernetes;

/// <summary>Every API request the fake received, in arrival order, so tests can assert exactly what was called.</summary>
public sealed class RequestJournal
{
    private readonly object _gate = new();
    private readonly List<RecordedRequest> _entries = [];

    /// <summary>A snapshot of all requests so far (including the simulated drivers').</summary>
    public IReadOnlyList<RecordedRequest> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Requests not made by a simulated driver: what the code under test called.</summary>
    public IReadOnlyList<RecordedRequest> External => [.. Entries.Where(e => !e.FromDriver)];

    /// <summary>Requests with this verb on this resource (e.g. "create", "pods"), drivers' excluded.</summary>
    public IReadOnlyList<RecordedRequest> Calls(string verb, string resource) =>
        [.. External.Where(e => e.Verb == verb && e.Resource == resource)];

    /// <summary>Forgets everything recorded so far.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    internal void Add(RecordedRequest entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }
}
