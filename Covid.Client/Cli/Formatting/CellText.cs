using System.Globalization;

namespace Covid.Cli.Formatting;

/// <summary>Cell values as text for people, always in the invariant culture so output never depends on the machine's locale.</summary>
internal static class CellText
{
    /// <summary>As the CSV writer writes them, but doubles rounded to six decimals.</summary>
    public static string Readable(object? cell) => cell switch
    {
        double x when double.IsFinite(x) => x.ToString("0.######", CultureInfo.InvariantCulture),
        _ => AnalysisResult.CellText(cell),
    };
}
