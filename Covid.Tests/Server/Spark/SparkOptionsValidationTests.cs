using Covid.Server.Kubernetes;
using Covid.Server.Spark;
using Covid.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Covid.Tests.Server.Spark;

/// <summary>Bad sizes and bounds stop the server at start, naming the keys, instead of failing every pod later.</summary>
public sealed class SparkOptionsValidationTests
{
    [Theory]
    [InlineData("Spark:ExecutorLimitCores", "500m", "ExecutorLimitCores")]
    [InlineData("Spark:DriverRequestCores", "lots", "DriverRequestCores")]
    [InlineData("Spark:RunTimeout", "00:00:00", "Spark:RunTimeout")]
    public void Options_BadSparkValue_RefusedNamingTheKey(string key, string value, string named)
    {
        using var services = SparkServices.Create(new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = "http://127.0.0.1:1" }),
            new Dictionary<string, string?> { ["Data:Directory"] = "/data/covid", ["Spark:ExecutorRequestCores"] = "1", [key] = value });

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SparkOptions>>().Value);

        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void Options_ZeroScheduleTimeout_Refused()
    {
        using var services = SparkServices.Create(new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = "http://127.0.0.1:1" }),
            new Dictionary<string, string?> { ["Data:Directory"] = "/data/covid", ["Kubernetes:ScheduleTimeout"] = "00:00:00" });

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<KubernetesOptions>>().Value);

        Assert.Contains("Kubernetes:ScheduleTimeout must be positive", e.Message);
    }
}
