namespace Covid.SparkJob.Validation;

/// <summary>
/// Result column names compare case-insensitively because both DuckDB and Spark resolve quoted
/// identifiers that way; "Cases" and "cases" would be the same column.
/// </summary>
internal static class ResultNames
{
    public static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;
}
