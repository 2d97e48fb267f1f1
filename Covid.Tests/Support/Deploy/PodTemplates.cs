using k8s;
using k8s.Models;

namespace Covid.Tests.Support.Deploy;

/// <summary>The driver and executor pod templates of ConfigMap covid-pod-templates, parsed as the server parses them.</summary>
public static class PodTemplates
{
    public static async Task<Dictionary<string, V1Pod>> LoadAsync()
    {
        var map = (await DeployBundle.GetAsync()).Get<V1ConfigMap>("covid-pod-templates");
        return map.Data.ToDictionary(p => p.Key, p => KubernetesYaml.Deserialize<V1Pod>(p.Value, strict: true));
    }
}
