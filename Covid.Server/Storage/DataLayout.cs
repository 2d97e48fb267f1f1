using Microsoft.Extensions.Options;

namespace Covid.Server.Storage;

/// <summary>
/// Where everything durable lives under <c>Data:Directory</c>, defined once for the dataset
/// registry, the analysis store and the Spark engine (whose pods see the same paths on the shared
/// volume):
/// <code>
/// datasets/{name}/original.csv[.zst|.gz], data.parquet, dataset.json
/// datasets/.staging/{guid}/     loads being assembled, renamed into place when valid
/// analyses/{id}/analysis.json, events.jsonl, result.json, plot.png, spark-result/
/// </code>
/// Staging sits on the same file system as the datasets, so publishing one is a single rename.
/// </summary>
public sealed class DataLayout(IOptions<DataOptions> options)
{
    public const string OriginalFile = "original.csv";

    /// <summary>The original kept in <paramref name="directory"/> (plain, zstd or gzip, per Data:OriginalCompression when it was loaded); original.csv when none is.</summary>
    public static string OriginalIn(string directory) =>
        new[] { OriginalFile, OriginalFile + ".zst", OriginalFile + ".gz" }.Select(f => Path.Combine(directory, f)).FirstOrDefault(File.Exists)
        ?? Path.Combine(directory, OriginalFile);
    public const string ParquetFile = "data.parquet";
    public const string MetadataFile = "dataset.json";

    public const string AnalysisFile = "analysis.json";
    public const string EventsFile = "events.jsonl";
    public const string ResultFile = "result.json";
    public const string PlotFile = "plot.png";
    public const string SparkResultDirectory = "spark-result";

    /// <summary>The data directory itself, absolute.</summary>
    public string Root { get; } = options.Value.FullDirectory;

    public string DatasetsRoot => Path.Combine(Root, "datasets");

    public string Staging => Path.Combine(DatasetsRoot, ".staging");

    public string AnalysesRoot => Path.Combine(Root, "analyses");

    public string DatasetDirectory(string name) => Path.Combine(DatasetsRoot, name);

    public string AnalysisDirectory(string id) => Path.Combine(AnalysesRoot, id);

    public string AnalysisFilePath(string id, string file) => Path.Combine(AnalysisDirectory(id), file);

    /// <summary>Where Spark writes an analysis' result (part files and _SUCCESS), as the server and the pods see it.</summary>
    public string SparkResult(string id) => AnalysisFilePath(id, SparkResultDirectory);

    /// <summary>
    /// <paramref name="text"/> (an error, a failure reason, SQL) with every path under the data
    /// directory written relative to it: no answer tells a client where the server keeps its files.
    /// </summary>
    public string Relative(string text) =>
        text.Replace(Path.TrimEndingDirectorySeparator(Root) + Path.DirectorySeparatorChar, "", StringComparison.Ordinal)
            .Replace(Path.TrimEndingDirectorySeparator(Root), ".", StringComparison.Ordinal);

    public string NewStagingDirectory()
    {
        var dir = Path.Combine(Staging, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
