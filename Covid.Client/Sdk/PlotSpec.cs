namespace Covid.Client;

/// <summary>The chart drawn when an analysis succeeds.</summary>
/// <param name="Kind">Line, bar, stacked bar or heatmap.</param>
/// <param name="X">The result column on the x axis, usually "period".</param>
/// <param name="Y">One or more metrics on the y axis (a heatmap takes exactly one).</param>
public sealed record PlotSpec(PlotKind Kind, string X, IReadOnlyList<string> Y)
{
    /// <summary>A group-by column: one line, bar colour or heatmap row per value; null for none.</summary>
    public string? Series { get; init; }

    /// <summary>Shown above the chart; null for none.</summary>
    public string? Title { get; init; }

    /// <summary>Pixels, 200..4000; 0 for the server's 1000.</summary>
    public int Width { get; init; }

    /// <summary>Pixels, 200..4000; 0 for the server's 600.</summary>
    public int Height { get; init; }

    /// <summary>A logarithmic y axis (the colour scale of a heatmap); values ≤ 0 are not drawn.</summary>
    public bool LogScale { get; init; }
}
