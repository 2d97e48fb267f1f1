using k8s;
using k8s.Models;

namespace Covid.Tests.FakeKubernetes;

/// <summary>
/// What a simulated Spark driver sees inside its Running pod: the pod, its namespace's ConfigMaps
/// (and the files they mount), its Spark properties, a client with its service account, its log,
/// and its monitoring REST API state. <see cref="CancellationToken"/> fires when the pod is deleted.
/// </summary>
public sealed partial class DriverContext
{
    private readonly FakeKubeApiServer _fake;

    internal DriverContext(FakeKubeApiServer fake, V1Pod pod, CancellationToken ct)
    {
        _fake = fake;
        Pod = pod;
        CancellationToken = ct;
        ConfigMaps = fake.Store.List<V1ConfigMap>(Namespace);
        Client = fake.CreateDriverClient(Namespace, pod.Spec.ServiceAccountName ?? "default");
        SparkProperties = ReadSparkProperties();
        AppId = SparkProperties.GetValueOrDefault("spark.app.id")
            ?? (pod.Metadata.Labels?.TryGetValue("spark-app-selector", out var selector) == true ? selector : null)
            ?? "spark-" + pod.Metadata.Uid.Replace("-", "", StringComparison.Ordinal);
        Spark = new SparkApplicationState(AppId, SparkProperties.GetValueOrDefault("spark.app.name") ?? pod.Metadata.Name);
        // Services selecting the pod are resolved per request (they may be created after the pod).
        fake.Spark.Register(pod.Metadata.Name, Spark);
    }

    /// <summary>The driver pod as it was when it started Running.</summary>
    public V1Pod Pod { get; }

    /// <summary>The pod's namespace.</summary>
    public string Namespace => Pod.Metadata.NamespaceProperty;

    /// <summary>Cancelled when the pod is deleted (the container is killed).</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The namespace's ConfigMaps when the driver started.</summary>
    public IReadOnlyList<V1ConfigMap> ConfigMaps { get; }

    /// <summary>A real client authenticated as the pod's service account (journalled as driver calls).</summary>
    public IKubernetes Client { get; }

    /// <summary><c>spark.properties</c> from the mounted ConfigMaps, overridden by <c>--conf k=v</c> container args.</summary>
    public IReadOnlyDictionary<string, string> SparkProperties { get; }

    /// <summary>spark.app.id, else the spark-app-selector label.</summary>
    public string AppId { get; }

    /// <summary>The monitoring REST API state, served under every Service selecting this pod and under the pod's name.</summary>
    public SparkApplicationState Spark { get; }

    /// <summary>The driver container's args (command excluded).</summary>
    public IReadOnlyList<string> Args => Pod.Spec.Containers[0].Args?.ToList() ?? [];

    /// <summary>Appends one line to the pod log.</summary>
    public void Log(string line) => _fake.AppendPodLog(Namespace, Pod.Metadata.Name, line + "\n");

    /// <summary>
    /// The content of a file the driver container sees at <paramref name="path"/> through a
    /// ConfigMap volume (honouring <c>items</c> key→path mappings), or null.
    /// </summary>
    public string? ReadMountedFile(string path)
    {
        var container = Pod.Spec.Containers[0];
        foreach (var mount in container.VolumeMounts ?? [])
        {
            var volume = Pod.Spec.Volumes?.FirstOrDefault(v => v.Name == mount.Name);
            if (volume?.ConfigMap is not { } source || ConfigMaps.FirstOrDefault(c => c.Metadata.Name == source.Name) is not { } map)
            {
                continue;
            }
            var dir = mount.MountPath.TrimEnd('/') + "/";
            if (mount.SubPath is { Length: > 0 } sub)
            {
                if (path == mount.MountPath && map.Data?.TryGetValue(sub, out var one) == true)
                {
                    return one;
                }
                continue;
            }
            if (!path.StartsWith(dir, StringComparison.Ordinal))
            {
                continue;
            }
            var relative = path[dir.Length..];
            var key = source.Items is { Count: > 0 } items ? items.FirstOrDefault(i => i.Path == relative)?.Key : relative;
            if (key is not null && map.Data?.TryGetValue(key, out var content) == true)
            {
                return content;
            }
        }
        return null;
    }

    private Dictionary<string, string> ReadSparkProperties()
    {
        var props = new Dictionary<string, string>(StringComparer.Ordinal);
        var mounted = (Pod.Spec.Volumes ?? []).Where(v => v.ConfigMap is not null).Select(v => v.ConfigMap.Name).ToHashSet();
        foreach (var map in ConfigMaps.Where(m => mounted.Contains(m.Metadata.Name)))
        {
            if (map.Data?.TryGetValue("spark.properties", out var text) == true)
            {
                foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
                {
                    var at = line.IndexOfAny(['=', ' ', ':']);
                    if (at > 0)
                    {
                        props[line[..at].Trim()] = line[(at + 1)..].Trim();
                    }
                }
            }
        }
        var args = Pod.Spec.Containers[0].Args ?? [];
        for (var i = 0; i + 1 < args.Count; i++)
        {
            if (args[i] == "--conf" && args[i + 1].IndexOf('=', StringComparison.Ordinal) is var eq and > 0)
            {
                props[args[i + 1][..eq]] = args[i + 1][(eq + 1)..];
            }
        }
        return props;
    }
}
