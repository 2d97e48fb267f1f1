namespace Covid.Tests.FakeKubernetes;

/// <summary>
/// One programmed fault: requests matching verb/resource (and optionally namespace/name) wait
/// <see cref="Delay"/> and then, when <see cref="Status"/> is not 0, are answered with that error
/// instead of being served. Applies <see cref="Times"/> times, then the request is served normally.
/// </summary>
public sealed class FaultRule
{
    private int _remaining;
    private int _hits;

    internal FaultRule(string verb, string resource, int status, int times, TimeSpan delay, string? ns, string? name, bool includeDrivers)
    {
        Verb = verb;
        Resource = resource;
        Status = status;
        Times = times;
        Delay = delay;
        Namespace = ns;
        Name = name;
        IncludeDrivers = includeDrivers;
        _remaining = times;
    }

    /// <summary>Kubernetes verb, or "*" for any.</summary>
    public string Verb { get; }

    /// <summary>Resource (with subresource, e.g. "pods/log"), or "*" for any.</summary>
    public string Resource { get; }

    /// <summary>HTTP status to answer (403, 404, 409, 410, 429, 500, 503, 504); 0 = only delay.</summary>
    public int Status { get; }

    /// <summary>How many requests the rule applies to.</summary>
    public int Times { get; }

    /// <summary>Delay before answering (use with a client timeout to simulate a hung API server).</summary>
    public TimeSpan Delay { get; }

    /// <summary>Namespace filter, null = any.</summary>
    public string? Namespace { get; }

    /// <summary>Object name filter, null = any.</summary>
    public string? Name { get; }

    /// <summary>Whether simulated drivers' own calls are affected too (default: only the code under test).</summary>
    public bool IncludeDrivers { get; }

    /// <summary>How many requests the rule has been applied to.</summary>
    public int Hits => Volatile.Read(ref _hits);

    internal bool TryApply(string verb, string resource, string? ns, string? name, bool fromDriver)
    {
        if ((Verb != "*" && Verb != verb) || (Resource != "*" && Resource != resource)
            || (Namespace is not null && Namespace != ns) || (Name is not null && Name != name)
            || (fromDriver && !IncludeDrivers))
        {
            return false;
        }
        if (Interlocked.Decrement(ref _remaining) < 0)
        {
            Interlocked.Increment(ref _remaining);
            return false;
        }
        Interlocked.Increment(ref _hits);
        return true;
    }
}
