using System.Text;
using Covid.Server.Hosting;
using k8s.Models;
using Microsoft.Extensions.Configuration;

namespace Covid.Tests.Deploy;

/// <summary>
/// The server's configuration as the Deployment gives it: appsettings.Production.json from
/// ConfigMap covid-server-config, read through Microsoft.Extensions.Configuration like the host does.
/// </summary>
public static class ServerSettings
{
    public const string FileName = "appsettings.Production.json";

    /// <summary>
    /// Config sections and the server's options class for each. Kubernetes and Spark are bound by
    /// Covid.Server.Kubernetes.KubernetesOptions / SparkOptions; until those exist, the keys the
    /// two issue-4 helpers agreed on stand in for them (AgreedKeys).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> SectionTypes = new Dictionary<string, string>
    {
        [DataOptions.Section] = typeof(DataOptions).FullName!,
        [EngineOptions.Section] = typeof(EngineOptions).FullName!,
        [JobOptions.Section] = typeof(JobOptions).FullName!,
        ["Kubernetes"] = "Covid.Server.Kubernetes.KubernetesOptions",
        ["Spark"] = "Covid.Server.Kubernetes.SparkOptions",
    };

    /// <summary>The agreed keys (shared notes for issue 4), used where an options class is not there yet.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> AgreedKeys = new Dictionary<string, string[]>
    {
        ["Engine"] = ["Default", "SparkThresholdBytes"],
        ["Kubernetes"] =
        [
            "Enabled", "Namespace", "ServiceAccount", "ExecutorServiceAccount", "PersistentVolumeClaim", "MountPath",
            "SparkImage", "ImagePullPolicy", "DriverPodTemplate", "ExecutorPodTemplate", "FinishedDriverTtl", "KubeConfig",
        ],
        ["Spark"] = ["ExecutorInstances", "ExecutorMemory", "ExecutorCores", "DriverMemory", "DriverCores", "MonitoringUrl"],
    };

    public static async Task<IConfigurationRoot> LoadAsync()
    {
        var map = (await DeployBundle.GetAsync()).Get<V1ConfigMap>("covid-server-config");
        Assert.True(map.Data.ContainsKey(FileName), $"covid-server-config has no {FileName}");
        return FromJson(map.Data[FileName]);
    }

    public static IConfigurationRoot FromJson(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    public static string Require(IConfiguration config, string key)
    {
        var value = config[key];
        Assert.False(string.IsNullOrEmpty(value), $"{FileName} sets no {key}");
        return value;
    }

    /// <summary>Binds a section to its options type, failing on any key the type has no property for.</summary>
    public static object BindStrict(IConfigurationSection section, Type type)
    {
        var options = Activator.CreateInstance(type)!;
        section.Bind(options, o => o.ErrorOnUnknownConfiguration = true);
        return options;
    }

    public static Type? OptionsType(string section) => typeof(DataOptions).Assembly.GetType(SectionTypes[section]);
}
