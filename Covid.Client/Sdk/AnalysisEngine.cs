namespace Covid.Client;

/// <summary>The engine an analysis runs on.</summary>
public enum AnalysisEngine
{
    /// <summary>Not reported.</summary>
    Unspecified = 0,
    /// <summary>Let the server choose by dataset size (only ever asked for, never reported as chosen).</summary>
    Auto = 1,
    /// <summary>DuckDB inside the server process.</summary>
    Embedded = 2,
    /// <summary>Apache Spark on Kubernetes.</summary>
    Spark = 3,
}
