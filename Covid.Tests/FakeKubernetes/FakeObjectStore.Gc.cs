using k8s;
using k8s.Models;

namespace Covid.Tests.FakeKubernetes;

/// <summary>
/// Deletion and garbage collection, modelled on the real controller: Foreground keeps the owner
/// (deletionTimestamp + <c>foregroundDeletion</c> finalizer) until every dependent with
/// blockOwnerDeletion is gone; Background removes the owner and then its dependents; Orphan strips
/// the dependents' ownerReferences.
/// </summary>
public sealed partial class FakeObjectStore
{
    internal const string ForegroundFinalizer = "foregroundDeletion";

    private readonly SemaphoreSlim _wake = new(0);
    private readonly Dictionary<string, DateTime> _graceDeadlines = [];

    internal IKubernetesObject<V1ObjectMeta> Delete(ResourceKind kind, string ns, string name, string? propagationPolicy, long? gracePeriodSeconds)
    {
        var policy = propagationPolicy ?? "Background";
        if (policy is not ("Foreground" or "Background" or "Orphan"))
        {
            throw KubeApiException.BadRequest($"propagationPolicy: Unsupported value: \"{policy}\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
        }
        lock (_gate)
        {
            var key = Key(kind, ns, name);
            if (!_objects.TryGetValue(key, out var obj))
            {
                throw KubeApiException.NotFound(kind.Plural, name);
            }
            if (obj.Metadata.DeletionTimestamp is null)
            {
                BeginDelete(kind, obj, policy, gracePeriodSeconds);
            }
            return _objects.TryGetValue(key, out var still) ? kind.Copy(still) : kind.Copy(obj);
        }
    }

    /// <summary>Runs the collector until nothing changes (tests need not wait for the background loop).</summary>
    internal void CollectGarbage()
    {
        lock (_gate)
        {
            while (CollectOnce())
            {
            }
        }
    }

    internal async Task RunCollectorAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await _wake.WaitAsync(ct);
            await Task.Delay(_options.GcDelay, ct);
            while (_wake.CurrentCount > 0)
            {
                await _wake.WaitAsync(ct);
            }
            CollectGarbage();
            ScheduleGraceWakeUp();
        }
    }

    private void WakeCollector() => _wake.Release();

    private void ScheduleGraceWakeUp()
    {
        DateTime? next;
        lock (_gate)
        {
            next = _graceDeadlines.Count == 0 ? null : _graceDeadlines.Values.Min();
        }
        if (next is { } at)
        {
            var wait = at - DateTime.UtcNow;
            _ = Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero).ContinueWith(_ => WakeCollector(), TaskScheduler.Default);
        }
    }

    /// <summary>Starts deleting one object (caller holds the lock).</summary>
    private void BeginDelete(ResourceKind kind, IKubernetesObject<V1ObjectMeta> obj, string policy, long? gracePeriodSeconds)
    {
        var meta = obj.Metadata;
        var graceful = kind == ResourceKind.Pods && gracePeriodSeconds != 0 && _options.PodTerminationGrace > TimeSpan.Zero;
        if (policy == "Orphan")
        {
            foreach (var dep in Dependents(obj).ToList())
            {
                var old = dep.Metadata.Labels;
                dep.Metadata.OwnerReferences = dep.Metadata.OwnerReferences.Where(r => r.Uid != meta.Uid).ToList();
                Modified(ResourceKind.Of(dep), dep, old);
            }
        }
        if (policy == "Foreground" || graceful)
        {
            meta.DeletionTimestamp = DateTime.UtcNow;
            meta.DeletionGracePeriodSeconds = graceful ? (long)_options.PodTerminationGrace.TotalSeconds : 0;
            if (policy == "Foreground")
            {
                meta.Finalizers = [.. meta.Finalizers ?? [], ForegroundFinalizer];
            }
            if (graceful)
            {
                _graceDeadlines[Key(kind, meta.NamespaceProperty, meta.Name)] = DateTime.UtcNow + _options.PodTerminationGrace;
            }
            Modified(kind, obj, meta.Labels);
            return;
        }
        Remove(kind, obj);
    }

    private void Remove(ResourceKind kind, IKubernetesObject<V1ObjectMeta> obj)
    {
        var meta = obj.Metadata;
        var key = Key(kind, meta.NamespaceProperty, meta.Name);
        _objects.Remove(key);
        _graceDeadlines.Remove(key);
        meta.ResourceVersion = Rv(++_rv);
        Record(new StoreEvent(_rv, "DELETED", kind, meta.NamespaceProperty, meta.Name, KubernetesJson.Serialize(obj), meta.Labels, meta.Labels));
    }

    private IEnumerable<IKubernetesObject<V1ObjectMeta>> Dependents(IKubernetesObject<V1ObjectMeta> owner) =>
        _objects.Values.Where(o => o.Metadata.NamespaceProperty == owner.Metadata.NamespaceProperty
            && o.Metadata.OwnerReferences?.Any(r => r.Uid == owner.Metadata.Uid) == true);

    /// <summary>One pass of the collector; true when it changed something (caller holds the lock).</summary>
    private bool CollectOnce()
    {
        var uids = _objects.Values.Select(o => o.Metadata.Uid).ToHashSet();
        foreach (var obj in _objects.Values.ToList())
        {
            var meta = obj.Metadata;
            var kind = ResourceKind.Of(obj);
            if (meta.DeletionTimestamp is null)
            {
                // Every owner gone (Background deletion of the owner): collect the dependent.
                if (meta.OwnerReferences is { Count: > 0 } refs && refs.All(r => !uids.Contains(r.Uid)))
                {
                    BeginDelete(kind, obj, "Background", null);
                    return true;
                }
                continue;
            }
            if (meta.Finalizers?.Contains(ForegroundFinalizer) == true)
            {
                var dependents = Dependents(obj).ToList();
                var pending = dependents.Where(d => d.Metadata.DeletionTimestamp is null).ToList();
                foreach (var dep in pending)
                {
                    BeginDelete(ResourceKind.Of(dep), dep, "Foreground", null);
                }
                if (pending.Count > 0)
                {
                    return true;
                }
                if (dependents.Any(d => d.Metadata.OwnerReferences.Any(r => r.Uid == meta.Uid && r.BlockOwnerDeletion == true)))
                {
                    continue;
                }
                meta.Finalizers = meta.Finalizers.Where(f => f != ForegroundFinalizer).ToList();
                Modified(kind, obj, meta.Labels);
                return true;
            }
            var key = Key(kind, meta.NamespaceProperty, meta.Name);
            var graceOver = !_graceDeadlines.TryGetValue(key, out var deadline) || deadline <= DateTime.UtcNow;
            if ((meta.Finalizers is null || meta.Finalizers.Count == 0) && graceOver)
            {
                Remove(kind, obj);
                return true;
            }
        }
        return false;
    }
}
