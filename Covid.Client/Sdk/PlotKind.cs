namespace Covid.Client;

/// <summary>The kind of chart a <see cref="PlotSpec"/> draws.</summary>
public enum PlotKind
{
    /// <summary>One line per series value.</summary>
    Line = 1,
    /// <summary>Bars.</summary>
    Bar = 2,
    /// <summary>Bars of each x stacked by series (needs a series).</summary>
    StackedBar = 3,
    /// <summary>x across, series down, the first y as colour (needs a series).</summary>
    Heatmap = 4,
}
