namespace Covid.Server.Plots;

/// <summary>A drawn chart: the PNG and the size it was drawn at, which travels with it to GetPlot.</summary>
public sealed record RenderedPlot(byte[] Png, int Width, int Height);
