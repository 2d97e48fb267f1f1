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

    /// <summary>
    /// Base URL of the driver's monitoring REST API; <c>{service}</c>, <c>{namespace}</c>,
    /// <c>{pod}</c> and <c>{appId}</c> are filled in per analysis.
    /// </summary>
    public string MonitoringUrl { get; set; } = "http://{service}.{namespace}.svc:4040";

    /// <summary>How often the driver's job and stage counts are polled while it runs.</summary>
    public TimeSpan MonitoringInterval { get; set; } = TimeSpan.FromSeconds(2);
}
