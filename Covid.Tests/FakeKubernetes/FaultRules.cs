namespace Covid.Tests.FakeKubernetes;

/// <summary>The fake's programmable faults; the first rule that matches a request (and has uses left) applies.</summary>
public sealed class FaultRules
{
    private readonly object _gate = new();
    private readonly List<FaultRule> _rules = [];

    /// <summary>
    /// Adds a rule, e.g. <c>Add("create", "pods", 403, times: 1)</c> or
    /// <c>Add("get", "pods", status: 0, delay: TimeSpan.FromSeconds(5))</c> for a timeout.
    /// </summary>
    /// <param name="verb">Kubernetes verb (create, get, list, watch, delete, update) or "*".</param>
    /// <param name="resource">pods, pods/log, pods/status, configmaps, services, or "*".</param>
    /// <param name="status">HTTP status of the answer (a Status object with the real reason and wording); 0 = delay only.</param>
    /// <param name="times">How many matching requests it applies to (default: all).</param>
    /// <param name="delay">Wait before answering.</param>
    /// <param name="ns">Only in this namespace.</param>
    /// <param name="name">Only for this object name.</param>
    /// <param name="includeDrivers">Also for simulated drivers' calls.</param>
    public FaultRule Add(string verb, string resource, int status, int times = int.MaxValue, TimeSpan? delay = null,
        string? ns = null, string? name = null, bool includeDrivers = false)
    {
        var rule = new FaultRule(verb, resource, status, times, delay ?? TimeSpan.Zero, ns, name, includeDrivers);
        lock (_gate)
        {
            _rules.Add(rule);
        }
        return rule;
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    internal FaultRule? Match(string verb, string resource, string? ns, string? name, bool fromDriver)
    {
        lock (_gate)
        {
            return _rules.FirstOrDefault(r => r.TryApply(verb, resource, ns, name, fromDriver));
        }
    }
}
