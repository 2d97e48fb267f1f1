using Microsoft.Extensions.Options;

namespace Covid.Server.Storage;

/// <summary>
/// Where everything durable lives under <c>Data:Directory</c>, defined once for the dataset
/// registry, the analysis store and the Spark engine (whose pods see the same paths on the shared
/// volume):
/// <code>
/// datasets/{name}/access.json   owner and sharing of the name
/// datasets/{name}/v{n}/original.csv[.zst|.gz], data.parquet, dataset.json   version n, immutable
/// datasets/.staging/{guid}/     loads being assembled, renamed into place (as v{n}) when valid
/// datasets/.trash/{guid}/       deleted datasets and pruned versions, being removed
/// datasets/.inplace/{name}.json the hash and version of a CSV registered in place
/// analyses/{id}/analysis.json, events.jsonl, result.pb (result.json as earlier versions stored it), spark-result/ (and plot.png, only as earlier versions stored it: charts are kept in memory)
/// analyses/finished.jsonl       one line per finished analysis (FinishedLog)
/// analyses/.active/{id}[.running] a marker per queued (or running) analysis: a hard link to its QUEUED analysis.json (ActiveMarkers)
/// </code>
/// Staging sits on the same file system as the datasets, so publishing a version is a single
/// rename into a directory of its own: nothing published is ever moved aside. (Data directories
/// from before versions hold one dataset's files right in datasets/{name}/: read as its version 1.)
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
    public const string AccessFile = "access.json";
    public const string VersionPrefix = "v";

    /// <summary>The analysis as it was accepted (QUEUED): written once, and again only when start-up queues it anew.</summary>
    public const string AnalysisFile = "analysis.json";

    /// <summary>
    /// The analysis as it ended (SUCCEEDED, FAILED or CANCELLED), beside the QUEUED analysis.json
    /// rather than over it: replacing that file freed its inode, and on an ext4 without a journal
    /// every inode allocated after skips the ones freed in the last 30 s (see ActiveMarkers).
    /// Versions before 2026-12-05 wrote the end into analysis.json: read as such when this is missing.
    /// </summary>
    public const string OutcomeFile = "outcome.json";
    public const string EventsFile = "events.jsonl";
    /// <summary>The result table as binary protobuf: written and read back many times faster than its JSON.</summary>
    public const string ResultFile = "result.pb";

    /// <summary>The result table as versions before 2026-12-04 stored it (proto3 JSON): read when there is no result.pb.</summary>
    public const string JsonResultFile = "result.json";
    public const string PlotFile = "plot.png";
    public const string SparkResultDirectory = "spark-result";

    /// <summary>The data directory itself, absolute.</summary>
    public string Root { get; } = options.Value.FullDirectory;

    public string DatasetsRoot => Path.Combine(Root, "datasets");

    public string Staging => Path.Combine(DatasetsRoot, ".staging");

    public string Trash => Path.Combine(DatasetsRoot, ".trash");

    public string InPlaceRecords => Path.Combine(DatasetsRoot, ".inplace");

    public string AnalysesRoot => Path.Combine(Root, "analyses");

    public string DatasetDirectory(string name) => Path.Combine(DatasetsRoot, name);

    /// <summary>Where version <paramref name="number"/> of <paramref name="name"/> lives once published.</summary>
    public string VersionDirectory(string name, int number) =>
        Path.Combine(DatasetDirectory(name), VersionPrefix + number.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A fresh directory name in the trash: what is moved there is no longer anyone's data.</summary>
    public string NewTrashDirectory()
    {
        Directory.CreateDirectory(Trash);
        return Path.Combine(Trash, Guid.NewGuid().ToString("N"));
    }

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
