using OxyPlot;
using OxyPlot.Axes;

namespace Covid.Server.Plots;

/// <summary>
/// Faint major gridlines. They were OxyPlot's dotted style (1 px on, 1 px off, in its default
/// gridline colour, black at alpha 0x40); snapped to a pixel centre, each anti-aliased dot covers
/// two pixels by half, so what came out was a uniform line at half that alpha. Drawn as that solid
/// line, the pixels are the same without Skia's dash effect, which cost ~0.9 ms of a 2 ms chart.
/// </summary>
internal static class Gridlines
{
    public static readonly OxyColor Colour = OxyColor.FromAColor(0x20, OxyColors.Black);

    public static T Major<T>(T axis)
        where T : Axis
    {
        axis.MajorGridlineStyle = LineStyle.Solid;
        axis.MajorGridlineColor = Colour;
        return axis;
    }
}
