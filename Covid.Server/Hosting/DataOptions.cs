namespace Covid.Server.Hosting;

/// <summary>Where the server keeps datasets and analyses (config section <c>Data</c>).</summary>
public sealed class DataOptions
{
    public const string Section = "Data";

    /// <summary>Root of everything durable: <c>datasets/</c> and <c>analyses/</c> live under it.</summary>
    public string Directory { get; set; } = "./data";

    /// <summary>
    /// A cdc-cases-deaths-by-state CSV loaded at start when that dataset is not loaded yet. Without
    /// it the server generates the synthetic CDC-format sample so a fresh install can answer specs.
    /// </summary>
    public string? Seed { get; set; }

    /// <summary>Largest upload accepted, in bytes of the original file.</summary>
    public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    public string FullDirectory => Path.GetFullPath(Directory);
}
