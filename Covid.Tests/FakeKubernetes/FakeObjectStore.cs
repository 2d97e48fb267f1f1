using System.Globalization;
using k8s;
using k8s.Models;

namespace Covid.Tests.FakeKubernetes;

/// <summary>
/// The fake API server's state: pods, configmaps and services per namespace, one global increasing
/// resourceVersion, a bounded event history for watches, and a garbage collector that honours
/// ownerReferences. Every read returns a copy; every change is an event. Tests may use it directly
/// to seed or inspect state (changes made here are seen by watches exactly like API calls).
/// </summary>
public sealed partial class FakeObjectStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, IKubernetesObject<V1ObjectMeta>> _objects = [];
    private readonly FakeKubeOptions _options;
    // Never "0": to a watch, resourceVersion "0" means "any", not "after nothing".
    private long _rv = 1000;

    internal FakeObjectStore(FakeKubeOptions options)
    {
        _options = options;
        _history = new LinkedList<StoreEvent>();
        _historyStart = _rv;
    }

    /// <summary>The latest resourceVersion handed out (what a list now would carry).</summary>
    public string ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return Rv(_rv);
            }
        }
    }

    /// <summary>Creates an object as a POST would: name or generateName, uid, creationTimestamp, resourceVersion.</summary>
    /// <exception cref="KubeApiException">409 AlreadyExists, 400 on a namespace mismatch, 422 without a name.</exception>
    public T Create<T>(string ns, T obj)
        where T : IKubernetesObject<V1ObjectMeta> => (T)Create(ResourceKind.Of(obj), ns, obj);

    /// <summary>The object, or null when there is none.</summary>
    public T? Get<T>(string ns, string name)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var kind = KindOf<T>();
        lock (_gate)
        {
            return _objects.TryGetValue(Key(kind, ns, name), out var o) ? (T)kind.Copy(o) : null;
        }
    }

    /// <summary>Objects of this kind in the namespace (all namespaces when null) matching the selector.</summary>
    public IReadOnlyList<T> List<T>(string? ns, string? labelSelector = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var selector = LabelSelector.Parse(labelSelector);
        return List(KindOf<T>(), ns, selector, null).Items.Cast<T>().ToList();
    }

    /// <summary>Deletes as a DELETE would, with Foreground, Background (default) or Orphan propagation.</summary>
    public T Delete<T>(string ns, string name, string? propagationPolicy = null)
        where T : class, IKubernetesObject<V1ObjectMeta> => (T)Delete(KindOf<T>(), ns, name, propagationPolicy, null);

    /// <summary>Changes a pod's status in place (as the kubelet's <c>pods/{name}/status</c> update does): one MODIFIED event.</summary>
    /// <exception cref="KubeApiException">404 when the pod is gone.</exception>
    public V1Pod UpdatePodStatus(string ns, string name, Action<V1Pod> change)
    {
        lock (_gate)
        {
            if (!_objects.TryGetValue(Key(ResourceKind.Pods, ns, name), out var o))
            {
                throw KubeApiException.NotFound("pods", name);
            }
            var pod = (V1Pod)o;
            pod.Status ??= new V1PodStatus();
            change(pod);
            return (V1Pod)ResourceKind.Pods.Copy(Modified(ResourceKind.Pods, pod, pod.Metadata.Labels));
        }
    }

    internal IKubernetesObject<V1ObjectMeta> Create(ResourceKind kind, string ns, IKubernetesObject<V1ObjectMeta> input)
    {
        var obj = kind.Copy(input);
        obj.Metadata ??= new V1ObjectMeta();
        var meta = obj.Metadata;
        if (meta.NamespaceProperty is { Length: > 0 } given && given != ns)
        {
            throw KubeApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        lock (_gate)
        {
            if (string.IsNullOrEmpty(meta.Name))
            {
                if (string.IsNullOrEmpty(meta.GenerateName))
                {
                    throw new KubeApiException(422, "Invalid", $"{kind.Kind} \"\" is invalid: metadata.name: Required value: name or generateName is required");
                }
                meta.Name = meta.GenerateName + RandomSuffix();
            }
            if (_objects.ContainsKey(Key(kind, ns, meta.Name)))
            {
                throw KubeApiException.AlreadyExists(kind.Plural, meta.Name);
            }
            obj.ApiVersion = "v1";
            obj.Kind = kind.Kind;
            meta.NamespaceProperty = ns;
            meta.Uid = Guid.NewGuid().ToString();
            meta.CreationTimestamp = DateTime.UtcNow;
            meta.DeletionTimestamp = null;
            meta.Generation = 1;
            Defaults(obj);
            meta.ResourceVersion = Rv(++_rv);
            _objects[Key(kind, ns, meta.Name)] = obj;
            Record(new StoreEvent(_rv, "ADDED", kind, ns, meta.Name, KubernetesJson.Serialize(obj), meta.Labels, null));
            return kind.Copy(obj);
        }
    }

    internal IKubernetesObject<V1ObjectMeta> Get(ResourceKind kind, string ns, string name)
    {
        lock (_gate)
        {
            return _objects.TryGetValue(Key(kind, ns, name), out var o) ? kind.Copy(o) : throw KubeApiException.NotFound(kind.Plural, name);
        }
    }

    internal (IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Items, string ResourceVersion) List(ResourceKind kind, string? ns, LabelSelector selector, string? name)
    {
        lock (_gate)
        {
            var items = _objects.Values
                .Where(o => ResourceKind.Of(o) == kind && (ns is null || o.Metadata.NamespaceProperty == ns))
                .Where(o => (name is null || o.Metadata.Name == name) && selector.Matches(o.Metadata.Labels))
                .OrderBy(o => o.Metadata.NamespaceProperty, StringComparer.Ordinal)
                .ThenBy(o => o.Metadata.Name, StringComparer.Ordinal)
                .Select(kind.Copy)
                .ToList();
            return (items, Rv(_rv));
        }
    }

    /// <summary>Replaces a pod's status from a full pod body (PUT pods/{name}/status); a stale resourceVersion is a 409.</summary>
    internal V1Pod ReplacePodStatus(string ns, string name, V1Pod body) => UpdatePodStatus(ns, name, pod =>
    {
        if (body.Metadata?.ResourceVersion is { Length: > 0 } rv && rv != pod.Metadata.ResourceVersion)
        {
            throw KubeApiException.Conflict("pods", name);
        }
        pod.Status = body.Status;
    });

    private static void Defaults(IKubernetesObject<V1ObjectMeta> obj)
    {
        switch (obj)
        {
            case V1Pod pod:
                // The API server, not the kubelet, makes every new pod Pending.
                pod.Status = new V1PodStatus { Phase = "Pending", QosClass = "Burstable" };
                break;
            case V1Service svc:
                svc.Spec ??= new V1ServiceSpec();
                svc.Spec.Type ??= "ClusterIP";
                if (svc.Spec.ClusterIP != "None")
                {
                    svc.Spec.ClusterIP = $"10.96.{Random.Shared.Next(0, 255)}.{Random.Shared.Next(1, 255)}";
                }
                break;
        }
    }

    private static string RandomSuffix()
    {
        // The apiserver's alphabet for generateName: no vowels, no look-alike digits.
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return new string(Enumerable.Range(0, 5).Select(_ => alphabet[Random.Shared.Next(alphabet.Length)]).ToArray());
    }

    private static ResourceKind KindOf<T>() => typeof(T) == typeof(V1Pod) ? ResourceKind.Pods
        : typeof(T) == typeof(V1ConfigMap) ? ResourceKind.ConfigMaps
        : typeof(T) == typeof(V1Service) ? ResourceKind.Services
        : throw new ArgumentException($"The fake does not serve {typeof(T).Name}.");

    private static string Key(ResourceKind kind, string ns, string name) => $"{kind.Plural}/{ns}/{name}";

    private static string Rv(long rv) => rv.ToString(CultureInfo.InvariantCulture);

    /// <summary>Bumps the object's resourceVersion and records a MODIFIED event (caller holds the lock).</summary>
    private IKubernetesObject<V1ObjectMeta> Modified(ResourceKind kind, IKubernetesObject<V1ObjectMeta> obj, IDictionary<string, string>? oldLabels)
    {
        obj.Metadata.ResourceVersion = Rv(++_rv);
        Record(new StoreEvent(_rv, "MODIFIED", kind, obj.Metadata.NamespaceProperty, obj.Metadata.Name, KubernetesJson.Serialize(obj), obj.Metadata.Labels, oldLabels));
        return obj;
    }
}
