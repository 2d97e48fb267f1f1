using k8s;
using k8s.Models;

namespace Covid.Tests.Support.Deploy;

/// <summary>
/// deploy/ as <c>kubectl apply -k deploy/</c> sees it: every file the kustomization lists, loaded
/// with KubernetesYaml as typed objects, plus the ConfigMaps its generator makes from files, with
/// the kustomization's namespace applied the way kustomize applies it. Loaded once per test run.
/// </summary>
public sealed class DeployBundle
{
    public const string Namespace = "covid-analysis";

    private static readonly Lazy<Task<DeployBundle>> Shared = new(LoadAsync);

    private DeployBundle(KustomizationFile kustomization, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> objects)
    {
        Kustomization = kustomization;
        Objects = objects;
    }

    public static string DeployDirectory => Path.Combine(CdcFiles.RepoRoot, "deploy");

    public KustomizationFile Kustomization { get; }

    /// <summary>Every object the base creates, in resource order, generated ConfigMaps last.</summary>
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects { get; }

    public static Task<DeployBundle> GetAsync() => Shared.Value;

    public IEnumerable<T> All<T>() => Objects.OfType<T>();

    /// <summary>The one object of this type and name; fails naming what exists otherwise.</summary>
    public T Get<T>(string name) where T : IKubernetesObject<V1ObjectMeta>
    {
        var matches = Objects.OfType<T>().Where(o => o.Metadata.Name == name).ToList();
        Assert.True(matches.Count == 1,
            $"expected one {typeof(T).Name} named '{name}', found {matches.Count}; present: " +
            string.Join(", ", Objects.OfType<T>().Select(o => o.Metadata.Name)));
        return matches[0];
    }

    public static string PathOf(string relative) => Path.GetFullPath(Path.Combine(DeployDirectory, relative));

    /// <summary>
    /// Loads every document of a manifest file with the client's own type map, strictly: an unknown
    /// kind or a misspelled field fails. (LoadAllFromFileAsync in KubernetesClient 21.0.8 does not
    /// pass its strict flag on — a misspelled field loads silently — so the text goes through
    /// LoadAllFromString, which honours it.)
    /// </summary>
    public static async Task<List<IKubernetesObject<V1ObjectMeta>>> LoadManifestAsync(string path)
    {
        var loaded = KubernetesYaml.LoadAllFromString(await File.ReadAllTextAsync(path), typeMap: null, strict: true);
        Assert.NotEmpty(loaded);
        return loaded.Select(o => Assert.IsAssignableFrom<IKubernetesObject<V1ObjectMeta>>(o)).ToList();
    }

    private static async Task<DeployBundle> LoadAsync()
    {
        var kustomization = KubernetesYaml.Deserialize<KustomizationFile>(
            await File.ReadAllTextAsync(PathOf("kustomization.yaml")), strict: true);
        var objects = new List<IKubernetesObject<V1ObjectMeta>>();
        foreach (var resource in kustomization.Resources)
        {
            objects.AddRange(await LoadManifestAsync(PathOf(resource)));
        }
        foreach (var generator in kustomization.ConfigMapGenerator)
        {
            objects.Add(await GenerateAsync(generator));
        }
        foreach (var obj in objects.Where(IsNamespaced))
        {
            obj.Metadata.NamespaceProperty ??= kustomization.Namespace;
        }
        return new DeployBundle(kustomization, objects);
    }

    private static async Task<V1ConfigMap> GenerateAsync(ConfigMapGeneratorEntry generator)
    {
        var data = new Dictionary<string, string>();
        foreach (var entry in generator.Files)
        {
            var split = entry.IndexOf('=');
            var key = split < 0 ? Path.GetFileName(entry) : entry[..split];
            var file = split < 0 ? entry : entry[(split + 1)..];
            data.Add(key, await File.ReadAllTextAsync(PathOf(file)));
        }
        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = generator.Name, Labels = generator.Options?.Labels },
            Data = data,
        };
    }

    /// <summary>Kustomize leaves cluster-scoped kinds alone; the base has these two.</summary>
    public static bool IsNamespaced(IKubernetesObject<V1ObjectMeta> obj) =>
        obj is not (V1Namespace or V1PersistentVolume or V1ClusterRole or V1ClusterRoleBinding);
}
