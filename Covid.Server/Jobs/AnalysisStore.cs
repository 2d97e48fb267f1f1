using Covid.Server.Storage;
using Covid.V1;
using Google.Protobuf;

namespace Covid.Server.Jobs;

/// <summary>
/// The durable record of analyses in <c>analyses/{id}/</c> (see <see cref="DataLayout"/>):
/// analysis.json, result.json and plot.png, each written whole by <see cref="AtomicFile"/>. Their
/// events.jsonl belongs to the progress journal.
/// </summary>
public sealed class AnalysisStore(DataLayout layout, ILogger<AnalysisStore> logger)
{
    /// <param name="durable">Flushed to the disk before it counts (see <see cref="AnalysisLifecycle"/> for which states need it).</param>
    public void Save(Analysis analysis, bool durable) =>
        AtomicFile.WriteText(File(AnalysisNames.ParseId(analysis.Name), DataLayout.AnalysisFile), StoredJson.Format(analysis), durable);

    public Result LoadResult(string id) => StoredJson.Parse<Result>(System.IO.File.ReadAllText(File(id, DataLayout.ResultFile)));

    /// <summary>Flushed to the disk: the SUCCEEDED state saved after it relies on it.</summary>
    public void SaveResult(string id, Result result) => AtomicFile.WriteText(File(id, DataLayout.ResultFile), StoredJson.Format(result));

    /// <summary>Not flushed: a chart lost to a machine crash is drawn again from the result.</summary>
    public void SavePlot(string id, byte[] png) => AtomicFile.Write(File(id, DataLayout.PlotFile), s => s.Write(png), durable: false);

    public bool HasPlot(string id) => System.IO.File.Exists(File(id, DataLayout.PlotFile));

    public Stream OpenPlot(string id) =>
        new FileStream(File(id, DataLayout.PlotFile), FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);

    /// <summary>Every analysis on disk. Unreadable ones are logged and skipped rather than stopping the server.</summary>
    public IReadOnlyList<Analysis> LoadAll()
    {
        if (!Directory.Exists(layout.AnalysesRoot))
        {
            return [];
        }
        var loaded = new List<Analysis>();
        foreach (var dir in Directory.EnumerateDirectories(layout.AnalysesRoot))
        {
            var file = Path.Combine(dir, DataLayout.AnalysisFile);
            if (!AnalysisNames.IsValidId(Path.GetFileName(dir)) || !System.IO.File.Exists(file))
            {
                continue;
            }
            try
            {
                foreach (var tmp in Directory.EnumerateFiles(dir, "*" + AtomicFile.TempSuffix))
                {
                    System.IO.File.Delete(tmp);
                }
                loaded.Add(StoredJson.Parse<Analysis>(System.IO.File.ReadAllText(file)));
            }
            catch (Exception ex) when (ex is InvalidProtocolBufferException or IOException or InvalidJsonException)
            {
                logger.LogWarning("Skipping analysis directory {Directory}: {Message}", dir, ex.Message);
            }
        }
        return loaded;
    }

    private string File(string id, string name) => layout.AnalysisFilePath(id, name);
}
