using Covid.V1;

namespace Covid.Tests.SparkJob;

internal static class PlotExtensions
{
    public static Plot Tap(this Plot plot, Action<Plot> change)
    {
        change(plot);
        return plot;
    }
}
