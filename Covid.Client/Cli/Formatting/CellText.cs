using System.Globalization;

namespace Covid.Cli.Formatting;

/// <summary>Cell values as text, always in the invariant culture so output never depends on the machine's locale.</summary>
internal static class CellText
{
    /// <summary>Exact text for machines: dates YYYY-MM-DD, doubles round-trippable, null empty.</summary>
    public static string Exact(object? cell) => cell switch
    {
        null => "",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        string s => s,
        _ => Convert.ToString(cell, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Text for people: like <see cref="Exact"/> but doubles rounded to six decimals.</summary>
    public static string Readable(object? cell) => cell switch
    {
        double x when double.IsFinite(x) => x.ToString("0.######", CultureInfo.InvariantCulture),
        _ => Exact(cell),
    };
}
