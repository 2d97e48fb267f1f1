namespace Covid.Client;

/// <summary>What the server would do with a spec: the validated spec, its columns and the SQL per engine.</summary>
public sealed record Explanation
{
    /// <summary>The spec with defaults filled in, in its proto3 JSON form.</summary>
    public required string SpecJson { get; init; }

    /// <summary>The engine the server would choose.</summary>
    public required AnalysisEngine Engine { get; init; }

    /// <summary>The result's columns (no values).</summary>
    public required IReadOnlyList<ResultColumn> Columns { get; init; }

    /// <summary>The DuckDB query with $n placeholders.</summary>
    public required string DuckDbSql { get; init; }

    /// <summary>The values bound to $1..$n, in order, as text.</summary>
    public required IReadOnlyList<string> DuckDbParameters { get; init; }

    /// <summary>The script a Spark driver would run with spark-sql -f.</summary>
    public required string SparkSql { get; init; }

    /// <summary>The dataset version the spec would read if submitted now.</summary>
    public DatasetVersionInfo? DatasetVersion { get; init; }

    /// <summary>With compareTo: the version it would compare with.</summary>
    public DatasetVersionInfo? CompareVersion { get; init; }
}
