namespace Covid.SparkJob.Spark;

/// <summary>
/// Everything a Spark run of one analysis needs besides its plan. Paths are as the driver and the
/// executors see them; the launcher mounts the shared volume at the same path in every pod.
/// </summary>
public sealed record SparkJobSettings
{
    public required string AnalysisId { get; init; }

    public required string Namespace { get; init; }

    public required string Image { get; init; }

    /// <summary>The driver pod's name: executors get owner references to it.</summary>
    public required string DriverPodName { get; init; }

    public required string ExecutorServiceAccount { get; init; }

    public required string PersistentVolumeClaim { get; init; }

    public required string MountPath { get; init; }

    /// <summary>Where the executor pod template lands inside the driver pod, or null without one.</summary>
    public string? ExecutorPodTemplateFile { get; init; }

    public required string DatasetPath { get; init; }

    /// <summary>With compareTo: where the pods see the other dataset version.</summary>
    public string? ThenDatasetPath { get; init; }

    public required string ResultDirectory { get; init; }

    public int ExecutorInstances { get; init; } = 2;

    public string ExecutorMemory { get; init; } = "2g";

    public int ExecutorCores { get; init; } = 1;

    public string DriverMemory { get; init; } = "1g";

    public int DriverCores { get; init; } = 1;

    /// <summary>CPU the driver pod requests (see <see cref="SparkCpu"/>); null: <see cref="DriverCores"/>.</summary>
    public string? DriverRequestCores { get; init; }

    /// <summary>CPU limit of the driver pod; null: <see cref="DriverCores"/>, or the request when that is larger.</summary>
    public string? DriverLimitCores { get; init; }

    /// <summary>CPU each executor pod requests; null: <see cref="ExecutorCores"/>.</summary>
    public string? ExecutorRequestCores { get; init; }

    /// <summary>CPU limit of each executor pod; null: <see cref="ExecutorCores"/>, or the request when that is larger.</summary>
    public string? ExecutorLimitCores { get; init; }

    /// <summary>Labels every executor pod carries, besides Spark's own.</summary>
    public IReadOnlyDictionary<string, string> ExecutorLabels { get; init; } = new Dictionary<string, string>();

    /// <summary><c>spark-{id}</c>: stable per analysis, so a restarted server finds the same application.</summary>
    public string AppId => AppIdOf(AnalysisId);

    /// <summary>The Spark application id of an analysis, also the <c>spark-app-selector</c> label of its pods.</summary>
    public static string AppIdOf(string analysisId) => "spark-" + analysisId;

    public string AppName => "covid-analysis-" + AnalysisId;
}
