namespace Covid.SparkJob.Catalog;

/// <summary>
/// A count CDC suppresses for confidentiality: an empty cell stands for a value between
/// <paramref name="Min"/> and <paramref name="Max"/> (NCHS: 1–9), so a sum over such cells is a
/// lower bound, and results say how many cells were suppressed.
/// </summary>
public sealed record Suppression(long Min, long Max)
{
    public string Describe() => $"an empty cell is a suppressed count of {Min}–{Max}";

    /// <summary>The result column counting the suppressed cells a SUM metric <paramref name="metric"/> met.</summary>
    public static string ColumnName(string metric) => metric + "_suppressed";
}
