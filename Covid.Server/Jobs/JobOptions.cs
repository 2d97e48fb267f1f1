namespace Covid.Server.Jobs;

/// <summary>How many analyses run at once and how many may wait (config section <c>Jobs</c>).</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    public int MaxConcurrent { get; set; } = 2;

    /// <summary>Analyses waiting to run beyond this are refused with RESOURCE_EXHAUSTED.</summary>
    public int QueueLimit { get; set; } = 100;

    /// <summary>Memory for recently used result tables (their encoded size), so GetResult does not parse result.json each time.</summary>
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
