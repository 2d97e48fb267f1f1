using Covid.Server.Spark;
using Covid.Server.Storage;
using k8s;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Covid.Tests.Support;

/// <summary>
/// The Spark engine's components as the server registers them (its own AddSparkOnKubernetes and
/// AddDataStorage over the given settings), talking to <paramref name="client"/>: for tests that
/// need the launcher, follower, remover or sweeper without a whole server.
/// </summary>
internal static class SparkServices
{
    public static ServiceProvider Create(IKubernetes client, IDictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>(settings) { ["Kubernetes:Enabled"] = "true" };
        var config = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(config);
        services.AddDataStorage();
        services.AddSparkOnKubernetes(config);
        services.AddSingleton(client);
        return services.BuildServiceProvider();
    }
}
