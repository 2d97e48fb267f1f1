using System.Globalization;

namespace Covid.Client;

/// <summary>Cell values as exact text in the invariant culture: dates YYYY-MM-DD, doubles round-trippable, null empty.</summary>
internal static class ResultCells
{
    public static string Exact(object? cell) => cell switch
    {
        null => "",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        string s => s,
        _ => Convert.ToString(cell, CultureInfo.InvariantCulture) ?? "",
    };
}
