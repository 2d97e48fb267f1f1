using Covid.Server.Kubernetes;
using Covid.SparkJob.Engine;
using Covid.SparkJob.Spark;
using Engine = Covid.V1.AnalysisSpec.Types.Engine;

namespace Covid.Server.Spark;

/// <summary>The Spark-on-Kubernetes engine, offered as <c>SPARK</c> when <c>Kubernetes:Enabled</c>.</summary>
public static class SparkRegistration
{
    public static IServiceCollection AddSparkOnKubernetes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddKubernetesOptions();
        services.AddOptions<SparkOptions>().BindConfiguration(SparkOptions.Section)
            .Validate(o => o.ExecutorInstances >= 1 && o.ExecutorCores >= 1 && o.DriverCores >= 1, "Spark instance and core counts must be at least 1")
            .Validate(o => IsMemory(o.DriverMemory) && IsMemory(o.ExecutorMemory), "Spark:DriverMemory and Spark:ExecutorMemory must be JVM sizes such as 1g or 512m")
            .Validate(o => IsCpu(o.DriverRequestCores, o.DriverLimitCores, o.DriverCores) && IsCpu(o.ExecutorRequestCores, o.ExecutorLimitCores, o.ExecutorCores),
                "Spark:DriverRequestCores, DriverLimitCores, ExecutorRequestCores and ExecutorLimitCores must be CPU amounts such as 500m or 1, each limit at least its request")
            .Validate(o => o.RunTimeout > TimeSpan.Zero && o.ResultVisibilityTimeout >= TimeSpan.Zero,
                "Spark:RunTimeout must be positive and Spark:ResultVisibilityTimeout not negative")
            .ValidateOnStart();
        if (!configuration.GetValue<bool>(KubernetesOptions.Section + ":" + nameof(KubernetesOptions.Enabled)))
        {
            return services;
        }
        services.AddKubernetesClient();
        services.AddHttpClient<SparkMonitor>(c => c.Timeout = TimeSpan.FromSeconds(5));
        services.AddSingleton<SparkObjectsFactory>();
        services.AddSingleton<SparkLauncher>();
        services.AddSingleton<PodEvents>();
        services.AddSingleton<PodWaitReader>();
        services.AddSingleton<ExecutorFailureLogs>();
        services.AddSingleton<DriverFollower>();
        services.AddSingleton<SparkResultWait>();
        services.AddSingleton<DriverRemover>();
        services.AddSingleton<DriverLog>();
        services.AddSingleton<SparkOnKubernetesEngine>();
        services.AddKeyedSingleton<IAnalysisEngine>(Engine.Spark, (sp, _) => sp.GetRequiredService<SparkOnKubernetesEngine>());
        services.AddSingleton<FinishedDriverSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<FinishedDriverSweeper>());
        return services;
    }

    private static bool IsCpu(string? request, string? limit, int cores)
    {
        try
        {
            SparkCpuSize.Resolve(request, limit, cores, "");
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool IsMemory(string value)
    {
        try
        {
            SparkMemory.ParseMib(value);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
