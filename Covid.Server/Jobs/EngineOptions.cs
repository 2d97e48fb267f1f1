namespace Covid.Server.Jobs;

/// <summary>Engine choice for specs that say AUTO or nothing (config section <c>Engine</c>).</summary>
public sealed class EngineOptions
{
    public const string Section = "Engine";

    /// <summary>"embedded" or "spark".</summary>
    public string Default { get; set; } = "embedded";

    /// <summary>AUTO runs datasets whose Parquet is larger than this on Spark, when Kubernetes is enabled.</summary>
    public long SparkThresholdBytes { get; set; } = 1L << 30;
}
