using k8s;
using k8s.Models;

namespace Covid.Tests.FakeKubernetes;

/// <summary>
/// One core/v1 resource the fake serves: its URL plural, its kind, and how to read it from JSON.
/// The fake keeps objects as the client library's own typed models so that what it stores and
/// answers is exactly what the real client serializes and parses.
/// </summary>
internal sealed record ResourceKind(string Plural, string Kind, Func<string, IKubernetesObject<V1ObjectMeta>> Parse)
{
    public static readonly ResourceKind Pods = new("pods", "Pod", json => KubernetesJson.Deserialize<V1Pod>(json));

    public static readonly ResourceKind ConfigMaps = new("configmaps", "ConfigMap", json => KubernetesJson.Deserialize<V1ConfigMap>(json));

    public static readonly ResourceKind Services = new("services", "Service", json => KubernetesJson.Deserialize<V1Service>(json));

    public static readonly IReadOnlyList<ResourceKind> All = [Pods, ConfigMaps, Services];

    public string ListKind => Kind + "List";

    public static ResourceKind? Find(string plural) => All.FirstOrDefault(k => k.Plural == plural);

    public static ResourceKind Of(IKubernetesObject<V1ObjectMeta> obj) => obj switch
    {
        V1Pod => Pods,
        V1ConfigMap => ConfigMaps,
        V1Service => Services,
        _ => throw new ArgumentException($"The fake does not serve {obj.GetType().Name}."),
    };

    /// <summary>A deep copy through JSON, so callers never share mutable state with the store.</summary>
    public IKubernetesObject<V1ObjectMeta> Copy(IKubernetesObject<V1ObjectMeta> obj) => Parse(KubernetesJson.Serialize(obj));
}
