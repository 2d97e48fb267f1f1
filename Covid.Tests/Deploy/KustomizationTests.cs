using Covid.Tests.Support.Deploy;
using k8s;
using k8s.Models;

namespace Covid.Tests.Deploy;

/// <summary>deploy/kustomization.yaml names every manifest, and every manifest loads as typed objects.</summary>
public sealed class KustomizationTests
{
    [Fact]
    public async Task Resources_EveryManifestFile_ListedExactlyOnce()
    {
        var bundle = await DeployBundle.GetAsync();
        var listed = bundle.Kustomization.Resources.Select(r => r.Replace('\\', '/')).ToList();
        var present = Directory.EnumerateFiles(DeployBundle.PathOf("manifests"), "*.*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(DeployBundle.DeployDirectory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(present);
        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.Equal(present, listed.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task Generators_EveryFileUnderConfigAndPodTemplates_InAGenerator()
    {
        var bundle = await DeployBundle.GetAsync();
        var generated = bundle.Kustomization.ConfigMapGenerator
            .SelectMany(g => g.Files)
            .Select(f => f.Contains('=') ? f[(f.IndexOf('=') + 1)..] : f)
            .Order(StringComparer.Ordinal).ToList();
        var present = new[] { "config", "pod-templates" }
            .SelectMany(d => Directory.EnumerateFiles(DeployBundle.PathOf(d)))
            .Select(f => Path.GetRelativePath(DeployBundle.DeployDirectory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal).ToList();

        Assert.Equal(present, generated);
    }

    [Fact]
    public async Task Kustomization_Header_BaseInCovidAnalysisNamespace()
    {
        var bundle = await DeployBundle.GetAsync();

        Assert.Equal("kustomize.config.k8s.io/v1beta1", bundle.Kustomization.ApiVersion);
        Assert.Equal("Kustomization", bundle.Kustomization.Kind);
        Assert.Equal(DeployBundle.Namespace, bundle.Kustomization.Namespace);
    }

    [Fact]
    public async Task Generators_StableNames_NoHashSuffix()
    {
        var bundle = await DeployBundle.GetAsync();

        Assert.Equal(["covid-pod-templates", "covid-server-config"],
            bundle.Kustomization.ConfigMapGenerator.Select(g => g.Name).Order(StringComparer.Ordinal));
        Assert.All(bundle.Kustomization.ConfigMapGenerator, g => Assert.True(g.Options?.DisableNameSuffixHash, g.Name));
    }

    [Fact]
    public async Task Objects_EveryKindAndName_AsAgreed()
    {
        var bundle = await DeployBundle.GetAsync();
        var names = bundle.Objects.Select(o => $"{o.Kind}/{o.Metadata.Name}").Order(StringComparer.Ordinal);

        Assert.Equal(
        [
            "ConfigMap/covid-pod-templates", "ConfigMap/covid-server-config", "Deployment/covid-server",
            "Namespace/covid-analysis", "PersistentVolumeClaim/covid-data", "Role/covid-server", "Role/covid-spark",
            "RoleBinding/covid-server", "RoleBinding/covid-spark", "Service/covid-server",
            "ServiceAccount/covid-server", "ServiceAccount/covid-spark",
        ], names);
    }

    [Fact]
    public async Task Objects_Namespaced_DeclareCovidAnalysisThemselves()
    {
        // Each file also works with plain `kubectl apply -f`, without kustomize's namespace.
        foreach (var resource in (await DeployBundle.GetAsync()).Kustomization.Resources)
        {
            foreach (var obj in (await DeployBundle.LoadManifestAsync(DeployBundle.PathOf(resource))).Where(DeployBundle.IsNamespaced))
            {
                Assert.True(obj.Metadata.NamespaceProperty == DeployBundle.Namespace, $"{resource}: {obj.Kind}/{obj.Metadata.Name} has namespace '{obj.Metadata.NamespaceProperty}'");
            }
        }
    }

    [Fact]
    public async Task Objects_Every_LabelledPartOfCovidAnalysis()
    {
        var bundle = await DeployBundle.GetAsync();

        Assert.All(bundle.Objects, o =>
        {
            Assert.True(o.Metadata.Labels?.TryGetValue("app.kubernetes.io/part-of", out var partOf) == true && partOf == "covid-analysis",
                $"{o.Kind}/{o.Metadata.Name} lacks app.kubernetes.io/part-of=covid-analysis");
            Assert.Equal("covid-analysis", o.Metadata.Labels["app.kubernetes.io/name"]);
        });
    }

    [Fact]
    public async Task Namespace_Manifest_IsTheNamespaceEverythingUses()
    {
        var bundle = await DeployBundle.GetAsync();
        var ns = bundle.Get<V1Namespace>(DeployBundle.Namespace);

        Assert.All(bundle.Objects.Where(DeployBundle.IsNamespaced), o => Assert.Equal(ns.Metadata.Name, o.Metadata.NamespaceProperty));
        Assert.Equal("baseline", ns.Metadata.Labels["pod-security.kubernetes.io/enforce"]);
    }

    [Fact]
    public async Task LoadManifest_UnknownKind_Fails()
    {
        // The loader really types what it reads: a kind the client does not know is an error, not a pass.
        var path = Path.Combine(Path.GetTempPath(), $"covid-deploy-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n");
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => DeployBundle.LoadManifestAsync(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task LoadManifest_MisspelledField_FailsStrictly()
    {
        var path = Path.Combine(Path.GetTempPath(), $"covid-deploy-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: s\n  namspace: x\n");
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => DeployBundle.LoadManifestAsync(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
