using Covid.V1;

namespace Covid.SparkJob.Planning;

/// <summary>The pixel size a plot is rendered at: the spec's, or 1000×600 where it says 0.</summary>
public static class PlotSize
{
    public const int DefaultWidth = 1000;
    public const int DefaultHeight = 600;

    public static (int Width, int Height) Resolve(Plot? plot) =>
        (plot is { Width: > 0 } ? plot.Width : DefaultWidth, plot is { Height: > 0 } ? plot.Height : DefaultHeight);
}
