using Covid.V1;

namespace Covid.Tests.Support;

internal static class PlotExtensions
{
    public static Plot Tap(this Plot plot, Action<Plot> change)
    {
        change(plot);
        return plot;
    }
}
