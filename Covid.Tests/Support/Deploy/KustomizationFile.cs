namespace Covid.Tests.Support.Deploy;

/// <summary>The parts of deploy/kustomization.yaml the tests read (YAML keys in camelCase).</summary>
public sealed class KustomizationFile
{
    public string? ApiVersion { get; set; }

    public string? Kind { get; set; }

    public string? Namespace { get; set; }

    public List<string> Resources { get; set; } = [];

    public List<ConfigMapGeneratorEntry> ConfigMapGenerator { get; set; } = [];
}

/// <summary>One configMapGenerator entry: a ConfigMap made of files.</summary>
public sealed class ConfigMapGeneratorEntry
{
    public string Name { get; set; } = "";

    /// <summary>"key=path" or "path" (the key is then the file name), relative to deploy/.</summary>
    public List<string> Files { get; set; } = [];

    public GeneratorOptions? Options { get; set; }
}

/// <summary>A generator's options.</summary>
public sealed class GeneratorOptions
{
    public bool DisableNameSuffixHash { get; set; }

    public Dictionary<string, string> Labels { get; set; } = [];
}
