namespace Covid.Server.Embedded;

/// <summary>The in-process DuckDB engine (config section <c>Engine:Embedded</c>).</summary>
public sealed class EmbeddedOptions
{
    public const string Section = "Engine:Embedded";

    /// <summary>DuckDB worker threads, shared by every analysis running at once; null: one per core.</summary>
    public int? Threads { get; set; }

    /// <summary>DuckDB's memory limit for all running analyses together, e.g. "4GB"; null: DuckDB's default, 80 % of RAM.</summary>
    public string? MemoryLimit { get; set; }

    /// <summary>
    /// Memory for small dataset versions kept as tables in DuckDB, e.g. "256MiB" (a size as for
    /// MemoryLimit; at most a quarter of it, within which it counts); "0" reads every version from its Parquet file.
    /// </summary>
    public string TableCache { get; set; } = "256MiB";

    /// <summary>How often a running query's progress is read and reported.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(100);
}
