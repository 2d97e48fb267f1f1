using System.Text;
using Covid.Server.Hosting;
using Covid.Server.Jobs;
using Covid.Server.Kubernetes;
using Covid.Server.Spark;
using Covid.Server.Storage;
using Covid.Server.Telemetry;
using Microsoft.Extensions.Configuration;
using k8s.Models;

namespace Covid.Tests.Support.Deploy;

/// <summary>
/// The server's configuration as the Deployment gives it: appsettings.Production.json from
/// ConfigMap covid-server-config, read through Microsoft.Extensions.Configuration like the host does.
/// </summary>
public static class ServerSettings
{
    public const string FileName = "appsettings.Production.json";

    /// <summary>Config sections and the server's options class bound to each (Hosting/, Kubernetes/, Telemetry/).</summary>
    public static readonly IReadOnlyDictionary<string, Type> SectionTypes = new Dictionary<string, Type>
    {
        [DataOptions.Section] = typeof(DataOptions),
        [EngineOptions.Section] = typeof(EngineOptions),
        [JobOptions.Section] = typeof(JobOptions),
        [KubernetesOptions.Section] = typeof(KubernetesOptions),
        [SparkOptions.Section] = typeof(SparkOptions),
        [TelemetryOptions.Section] = typeof(TelemetryOptions),
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
}
