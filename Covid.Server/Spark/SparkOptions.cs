namespace Covid.Server.Spark;

/// <summary>The size of a Spark run and where its driver reports progress (config section <c>Spark</c>).</summary>
public sealed class SparkOptions
{
    public const string Section = "Spark";

    public int ExecutorInstances { get; set; } = 2;

    public string ExecutorMemory { get; set; } = "2g";

    public int ExecutorCores { get; set; } = 1;

    public string DriverMemory { get; set; } = "1g";

    public int DriverCores { get; set; } = 1;

    /// <summary>CPU the driver pod requests ("500m", "1"); null: <see cref="DriverCores"/>.</summary>
    public string? DriverRequestCores { get; set; }

    /// <summary>CPU limit of the driver pod; null: <see cref="DriverCores"/>, or the request when larger.</summary>
    public string? DriverLimitCores { get; set; }

    /// <summary>CPU each executor pod requests (<c>spark.kubernetes.executor.request.cores</c>); null: <see cref="ExecutorCores"/>.</summary>
    public string? ExecutorRequestCores { get; set; }

    /// <summary>CPU limit of each executor pod (<c>spark.kubernetes.executor.limit.cores</c>); null: <see cref="ExecutorCores"/>, or the request when larger.</summary>
    public string? ExecutorLimitCores { get; set; }

    /// <summary>The longest one Spark run may take, from the driver pod's creation; then it is stopped and FAILED.</summary>
    public TimeSpan RunTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// After the driver succeeded, how long its committed result may take to become visible to the
    /// server (an NFS client can answer "does not exist" from its cache for up to a minute).
    /// </summary>
    public TimeSpan ResultVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Base URL of the driver's monitoring REST API; <c>{service}</c>, <c>{namespace}</c>,
    /// <c>{pod}</c> and <c>{appId}</c> are filled in per analysis.
    /// </summary>
    public string MonitoringUrl { get; set; } = "http://{service}.{namespace}.svc:4040";

    /// <summary>How often the driver's job and stage counts are polled while it runs.</summary>
    public TimeSpan MonitoringInterval { get; set; } = TimeSpan.FromSeconds(2);
}
