namespace Covid.SparkJob.Engine;

/// <summary>Tuning of the in-process DuckDB engine.</summary>
/// <param name="Threads">DuckDB worker threads, shared by all concurrent analyses; null lets DuckDB use every core.</param>
/// <param name="MemoryLimit">DuckDB memory_limit of all concurrent analyses together, e.g. "2GB"; null for DuckDB's default (80% of RAM).</param>
/// <param name="ProgressInterval">How often the running query's progress is polled and reported.</param>
public sealed record EmbeddedEngineOptions(int? Threads = null, string? MemoryLimit = null, TimeSpan? ProgressInterval = null)
{
    public TimeSpan Interval => ProgressInterval ?? TimeSpan.FromMilliseconds(100);
}
