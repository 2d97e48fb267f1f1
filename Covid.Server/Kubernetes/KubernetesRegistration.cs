using Covid.Server.Jobs;
using Covid.Server.Hosting;
using k8s;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Engine = Covid.V1.AnalysisSpec.Types.Engine;

namespace Covid.Server.Kubernetes;

/// <summary>
/// Registers the Spark-on-Kubernetes engine when <c>Kubernetes:Enabled</c>. The API client comes
/// from <c>Kubernetes:KubeConfig</c>, else the pod's in-cluster config, else the default
/// kubeconfig; tests register their own <see cref="IKubernetes"/> afterwards.
/// </summary>
public static class KubernetesRegistration
{
    public static IServiceCollection AddSparkOnKubernetes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KubernetesOptions>().BindConfiguration(KubernetesOptions.Section)
            .Validate(o => !o.Enabled || o.MountPath.StartsWith('/'), "Kubernetes:MountPath must be an absolute path")
            .Validate(o => o.ApiAttempts >= 1, "Kubernetes:ApiAttempts must be at least 1")
            .Validate(o => o.FinishedDriverTtl >= TimeSpan.Zero, "Kubernetes:FinishedDriverTtl must not be negative")
            .ValidateOnStart();
        services.AddOptions<SparkOptions>().BindConfiguration(SparkOptions.Section)
            .Validate(o => o.ExecutorInstances >= 1 && o.ExecutorCores >= 1 && o.DriverCores >= 1, "Spark instance and core counts must be at least 1")
            .Validate(o => IsMemory(o.DriverMemory) && IsMemory(o.ExecutorMemory), "Spark:DriverMemory and Spark:ExecutorMemory must be JVM sizes such as 1g or 512m")
            .ValidateOnStart();
        if (!configuration.GetValue<bool>(KubernetesOptions.Section + ":" + nameof(KubernetesOptions.Enabled)))
        {
            return services;
        }
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IKubernetes>(sp => new k8s.Kubernetes(ClientConfiguration(sp.GetRequiredService<IOptions<KubernetesOptions>>().Value)));
        services.AddHttpClient<SparkMonitor>(c => c.Timeout = TimeSpan.FromSeconds(5));
        services.AddSingleton<KubernetesApi>();
        services.AddSingleton<SparkObjectsFactory>();
        services.AddSingleton<SparkLauncher>();
        services.AddSingleton<DriverFollower>();
        services.AddSingleton<DriverRemover>();
        services.AddSingleton<DriverLog>();
        services.AddSingleton<SparkKubernetesEngine>();
        services.AddKeyedSingleton<SparkJob.Engine.IAnalysisEngine>(Engine.Spark, (sp, _) => sp.GetRequiredService<SparkKubernetesEngine>());
        services.AddSingleton<FinishedDriverSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<FinishedDriverSweeper>());
        return services;
    }

    public static KubernetesClientConfiguration ClientConfiguration(KubernetesOptions options) =>
        !string.IsNullOrWhiteSpace(options.KubeConfig) ? KubernetesClientConfiguration.BuildConfigFromConfigFile(options.KubeConfig)
        : KubernetesClientConfiguration.IsInCluster() ? KubernetesClientConfiguration.InClusterConfig()
        : KubernetesClientConfiguration.BuildDefaultConfig();

    private static bool IsMemory(string value)
    {
        try
        {
            SparkJob.Spark.SparkMemory.ParseMib(value);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
