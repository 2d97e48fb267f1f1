namespace Covid.SparkJob.Engine;

/// <summary>Tuning of the in-process DuckDB engine.</summary>
/// <param name="Threads">DuckDB worker threads, shared by all concurrent analyses; null lets DuckDB use every core.</param>
/// <param name="MemoryLimit">DuckDB memory_limit of all concurrent analyses together, e.g. "2GB"; null for DuckDB's default (80% of RAM).</param>
/// <param name="ProgressInterval">How often the running query's progress is polled and reported.</param>
/// <param name="TableCacheBytes">Memory for small dataset versions kept as tables (<see cref="TableCache"/>); 0 reads every version from its file.</param>
public sealed record EmbeddedEngineOptions(int? Threads = null, string? MemoryLimit = null, TimeSpan? ProgressInterval = null, long TableCacheBytes = EmbeddedEngineOptions.DefaultTableCacheBytes)
{
    /// <summary>256 MiB: a state-level CDC export (29,700 rows) takes a few MiB.</summary>
    public const long DefaultTableCacheBytes = 256L << 20;

    public TimeSpan Interval => ProgressInterval ?? TimeSpan.FromMilliseconds(100);
}
