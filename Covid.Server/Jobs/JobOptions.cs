namespace Covid.Server.Jobs;

/// <summary>How many analyses run at once and how many may wait (config section <c>Jobs</c>).</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>
    /// Analyses running at once. Embedded ones share one DuckDB thread pool and memory limit
    /// (Engine:Embedded), so more workers do not oversubscribe the cores: they let small analyses
    /// overlap their disk flushes and round trips, and keep a Spark run (a worker waiting on its
    /// driver pod) from holding up the embedded ones.
    /// </summary>
    public int MaxConcurrent { get; set; } = 8;

    /// <summary>Analyses waiting to run beyond this are refused with RESOURCE_EXHAUSTED.</summary>
    public int QueueLimit { get; set; } = 100;

    /// <summary>Memory for recently used result tables (their encoded size), so GetResult does not read result.pb each time.</summary>
    public long ResultCacheBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Specs remembered so an identical one is answered with the analysis that already ran it (see <see cref="SpecCache"/>); 0 runs every spec again.</summary>
    public int SpecCacheEntries { get; set; } = 10_000;

    /// <summary>
    /// On SIGTERM, how long running analyses may take to finish; those still running then are
    /// stopped and run again at the next start. Queued ones are never started after SIGTERM.
    /// </summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Finished analyses (their results, charts and events) are deleted this long after they ended.</summary>
    public TimeSpan RetainFinished { get; set; } = TimeSpan.FromDays(30);
}
