using k8s;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Covid.Server.Kubernetes;

/// <summary>
/// The Kubernetes API client and the call wrapper everything cluster-side goes through. The client
/// comes from <c>Kubernetes:KubeConfig</c>, else the pod's in-cluster config, else the default
/// kubeconfig; tests register their own <see cref="IKubernetes"/> afterwards.
/// </summary>
public static class KubernetesRegistration
{
    /// <summary>Binds <c>Kubernetes:*</c> (always, so a bad value fails the start even when disabled).</summary>
    public static IServiceCollection AddKubernetesOptions(this IServiceCollection services)
    {
        services.AddOptions<KubernetesOptions>().BindConfiguration(KubernetesOptions.Section)
            .Validate(o => !o.Enabled || o.MountPath.StartsWith('/'), "Kubernetes:MountPath must be an absolute path")
            .Validate(o => o.ApiAttempts >= 1, "Kubernetes:ApiAttempts must be at least 1")
            .Validate(o => o.FinishedDriverTtl >= TimeSpan.Zero, "Kubernetes:FinishedDriverTtl must not be negative")
            .Validate(o => o.ScheduleTimeout > TimeSpan.Zero, "Kubernetes:ScheduleTimeout must be positive")
            .ValidateOnStart();
        return services;
    }

    public static IServiceCollection AddKubernetesClient(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IKubernetes>(sp => new k8s.Kubernetes(ClientConfiguration(sp.GetRequiredService<IOptions<KubernetesOptions>>().Value)));
        services.AddSingleton<KubernetesApi>();
        return services;
    }

    public static KubernetesClientConfiguration ClientConfiguration(KubernetesOptions options)
    {
        var config = !string.IsNullOrWhiteSpace(options.KubeConfig) ? KubernetesClientConfiguration.BuildConfigFromConfigFile(options.KubeConfig)
            : KubernetesClientConfiguration.IsInCluster() ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildDefaultConfig();
        // A hung API call becomes a timeout the retries handle, not a stuck analysis (watches are not affected).
        config.HttpClientTimeout = options.ApiTimeout;
        return config;
    }
}
