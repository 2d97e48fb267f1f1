using Covid.SparkJob.Spark;

namespace Covid.Server.Spark;

/// <summary>
/// Object names and labels for one analysis. Names are derived from the analysis id alone, so a
/// second launch of the same analysis collides (409) instead of duplicating, and a restarted
/// server finds what it launched.
/// </summary>
public sealed record SparkNames(string AnalysisId)
{
    public const string AnalysisIdLabel = "covid-analysis/analysis-id";
    public const string SparkRoleLabel = "spark-role";
    public const string AppSelectorLabel = "spark-app-selector";
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedBy = "covid-server";
    public const string ComponentLabel = "app.kubernetes.io/component";
    public const string DriverContainer = "spark-kubernetes-driver";
    public const string ConfDirectory = "/opt/spark/conf";

    public string DriverPod => $"covid-{AnalysisId}-driver";

    public string ConfigMap => $"covid-{AnalysisId}-conf";

    public string Service => $"covid-{AnalysisId}-driver-svc";

    public string AppId => SparkJobSettings.AppIdOf(AnalysisId);

    /// <summary>The driver and its executors.</summary>
    public string PodSelector => $"{AppSelectorLabel}={AppId}";

    public string DriverSelector => $"{AnalysisIdLabel}={AnalysisId},{SparkRoleLabel}=driver";

    /// <summary>The labels every object of this analysis carries; component and role are added per object.</summary>
    public Dictionary<string, string> CommonLabels(string component) => new()
    {
        ["app.kubernetes.io/name"] = "covid-analysis",
        ["app.kubernetes.io/part-of"] = "covid-analysis",
        [ComponentLabel] = component,
        [ManagedByLabel] = ManagedBy,
        [AnalysisIdLabel] = AnalysisId,
        [AppSelectorLabel] = AppId,
    };
}
