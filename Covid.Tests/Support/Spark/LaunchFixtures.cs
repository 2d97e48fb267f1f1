using Covid.Server.Kubernetes;
using Covid.Server.Spark;
using Covid.SparkJob.Spark;
using Covid.Tests.Core.Spark;

namespace Covid.Tests.Support.Spark;

/// <summary>One analysis' names, job and options as the launcher's builders receive them.</summary>
internal static class LaunchFixtures
{
    public const string Namespace = "covid-analysis";

    public static SparkNames Names => new("abc123");

    public static SparkJobDescription Job => SparkJobDescription.Build(SparkJobDescriptionTests.Plan(), SparkJobDescriptionTests.Settings());

    public static KubernetesOptions Options => new()
    {
        Enabled = true,
        ServiceAccount = "covid-spark",
        PersistentVolumeClaim = "covid-data",
        MountPath = "/data",
        SparkImage = "registry.example/covid-spark:3.5.3",
        ImagePullPolicy = "Always",
    };
}
