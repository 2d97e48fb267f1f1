using OxyPlot;

namespace Covid.Server.Plots;

/// <summary>
/// Which series of a chart get a colour of their own: at most <see cref="Distinct"/>, the largest
/// by total, in the order of a qualitative palette whose colours stay apart (Tableau 10, its grey
/// swapped for cyan so no colour is mistaken for the others); the rest
/// are drawn grey as one "N others" legend entry, because more than ten hues cannot be told apart.
/// </summary>
internal static class SeriesPalette
{
    public const int Distinct = 10;

    public static readonly IReadOnlyList<OxyColor> Colours =
    [
        OxyColor.FromRgb(0x4E, 0x79, 0xA7), OxyColor.FromRgb(0xF2, 0x8E, 0x2B), OxyColor.FromRgb(0xE1, 0x57, 0x59),
        OxyColor.FromRgb(0x76, 0xB7, 0xB2), OxyColor.FromRgb(0x59, 0xA1, 0x4F), OxyColor.FromRgb(0xED, 0xC9, 0x48),
        OxyColor.FromRgb(0xB0, 0x7A, 0xA1), OxyColor.FromRgb(0xFF, 0x9D, 0xA7), OxyColor.FromRgb(0x9C, 0x75, 0x5F),
        OxyColor.FromRgb(0x17, 0xBE, 0xCF),
    ];

    public static readonly OxyColor Others = OxyColor.FromAColor(140, OxyColors.Gray);

    /// <summary>
    /// The series split into those drawn in colour (at most ten, largest total |y| first, ties by
    /// title) and the others; with ten or fewer, all keep their order and none is grey.
    /// </summary>
    public static (IReadOnlyList<PlotSeriesData> Coloured, IReadOnlyList<PlotSeriesData> Others) Split(IReadOnlyList<PlotSeriesData> data)
    {
        if (data.Count <= Distinct)
        {
            return (data, []);
        }
        var ranked = data.OrderByDescending(s => s.Points.Sum(p => Math.Abs(p.Y))).ThenBy(s => s.Title, StringComparer.Ordinal).ToList();
        return (ranked.Take(Distinct).ToList(), ranked.Skip(Distinct).ToList());
    }

    public static string OthersTitle(int count) => $"{count} others";
}
