using Covid.Server.Kubernetes;
using Covid.Server.Spark;
using Covid.SparkJob.Spark;
using Covid.SparkJob.Planning;

namespace Covid.Tests.Support.Spark;

/// <summary>One analysis' names, job and options as the launcher's builders receive them, and the plan and settings its job is built from.</summary>
internal static class LaunchFixtures
{
    public const string Namespace = "covid-analysis";

    public static SparkNames Names => new("abc123");

    public static SparkJobDescription Job => SparkJobDescription.Build(Plan(), Settings());

    /// <summary>What the server passes to <see cref="SparkJobDescription.Build"/> for analysis abc123.</summary>
    public static SparkJobSettings Settings(string? executorTemplate = null) => new()
    {
        AnalysisId = "abc123",
        Namespace = "covid-analysis",
        Image = "apache/spark:3.5.3",
        DriverPodName = "covid-abc123-driver",
        ExecutorServiceAccount = "covid-spark-exec",
        PersistentVolumeClaim = "covid-data",
        MountPath = "/data",
        ExecutorPodTemplateFile = executorTemplate,
        DatasetPath = "/data/datasets/cdc-cases-deaths-by-state/data.parquet",
        ResultDirectory = "/data/analyses/abc123/spark-result",
        ExecutorInstances = 3,
        ExecutorMemory = "4g",
        ExecutorCores = 2,
        DriverMemory = "2g",
        DriverCores = 1,
        ExecutorLabels = new Dictionary<string, string> { ["covid-analysis/analysis-id"] = "abc123" },
    };

    /// <summary>The issue example planned over the CDC dataset.</summary>
    public static AnalysisPlan Plan() => AnalysisPlanner.Plan(Specs.IssueExample(), TestDatasets.CasesDeaths());

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
