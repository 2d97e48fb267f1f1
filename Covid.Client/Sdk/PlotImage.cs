namespace Covid.Client;

/// <summary>A chart saved by <see cref="CovidClient.SavePlotAsync"/>.</summary>
/// <param name="Path">The file written.</param>
/// <param name="Width">Pixels across, as the server reported.</param>
/// <param name="Height">Pixels down, as the server reported.</param>
/// <param name="SizeBytes">Bytes written.</param>
public sealed record PlotImage(string Path, int Width, int Height, long SizeBytes);
