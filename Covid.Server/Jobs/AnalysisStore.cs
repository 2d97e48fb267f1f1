using System.Collections.Concurrent;
using Covid.Server.Storage;
using Covid.SparkJob.Errors;
using Covid.V1;
using Google.Protobuf;

namespace Covid.Server.Jobs;

/// <summary>
/// The durable record of analyses in <c>analyses/{id}/</c> (see <see cref="DataLayout"/>):
/// analysis.json, outcome.json and result.pb, each written whole by <see cref="AtomicFile"/> —
/// analysis.json when an analysis is QUEUED, outcome.json when it ends; that it runs is its
/// marker's name; the outcome, once there, is the analysis (a plot.png is only
/// read, as earlier versions stored it: charts are now kept in memory by AnalysisPlots). Their
/// events.jsonl belongs to the progress journal; <see cref="FinishedLog"/> indexes finished ones.
/// A folder counts as an analysis once its analysis.json exists: one without is garbage (a crash
/// before the first save, or an expiry cut short) and start-up removes it. Queued and running
/// analyses are also marked in <see cref="ActiveMarkers"/>, so start-up finds them without a scan
/// (and knows which of them had started).
/// </summary>
public sealed class AnalysisStore(DataLayout layout, FinishedLog finished, ActiveMarkers active, AnalysisHistory history, ILogger<AnalysisStore> logger)
{
    // Ids saved by this process while the history scan may still run: the scan leaves their
    // folders alone (one being created has no analysis.json yet, and is not garbage).
    private readonly ConcurrentDictionary<string, byte> savedDuringLoad = new(StringComparer.Ordinal);

    /// <param name="durable">Flushed to the disk before it counts (see <see cref="AnalysisLifecycle"/> for which states need it).</param>
    public void Save(Analysis analysis, bool durable)
    {
        var id = AnalysisNames.ParseId(analysis.Name);
        if (!history.IsLoaded)
        {
            // Before the folder can exist (the scan lists first, then asks).
            savedDuringLoad.TryAdd(id, 0);
        }
        if (analysis.State == Analysis.Types.State.Running)
        {
            // RUNNING is stored as its marker's name (see ActiveMarkers): the analysis.json it
            // would replace stays QUEUED, which start-up reads with the marker. Every analysis is
            // saved QUEUED before it can run (start-up's re-queue included).
            active.MarkRunning(id);
            return;
        }
        if (AnalysisLifecycle.IsTerminal(analysis.State))
        {
            // Beside the QUEUED analysis.json, not over it (DataLayout.OutcomeFile: no inode freed per analysis).
            AtomicFile.WriteText(File(id, DataLayout.OutcomeFile), StoredJson.Format(analysis), durable);
            return;
        }
        AtomicFile.WriteText(File(id, DataLayout.AnalysisFile), StoredJson.Format(analysis), durable);
        active.MarkQueued(id);
    }

    /// <summary>Whether this process saved the analysis while the history was loading (see <see cref="Scan"/>).</summary>
    public bool SavedDuringLoad(string id) => savedDuringLoad.ContainsKey(id);

    /// <summary>Once the history is loaded no scan runs: the ids need not be kept.</summary>
    public void HistoryLoaded() => savedDuringLoad.Clear();

    /// <summary>
    /// Adds a finished analysis to the index start-up reads (never fails: it is only an index), then
    /// drops its active marker: a crash between the two leaves a marker start-up reads once more.
    /// </summary>
    public void RecordFinished(Analysis analysis)
    {
        finished.Append(analysis);
        active.Unmark(AnalysisNames.ParseId(analysis.Name));
    }

    /// <summary>The stored result: result.pb, or the result.json an earlier version wrote.</summary>
    /// <exception cref="ServiceException">DATA_LOSS: neither file can be read, or its columns do not
    /// each hold row_count values (a binary message cut short can still parse, as a shorter one).</exception>
    public Result LoadResult(string id)
    {
        // Read on a cache miss only (ResultCache): one more stat is nothing beside the parse.
        var binary = File(id, DataLayout.ResultFile);
        var path = System.IO.File.Exists(binary) ? binary : File(id, DataLayout.JsonResultFile);
        Result result;
        try
        {
            result = path == binary
                ? Result.Parser.ParseFrom(System.IO.File.ReadAllBytes(path))
                : StoredJson.Parse<Result>(System.IO.File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FileNotFoundException or DirectoryNotFoundException)
        {
            throw UnreadableResult(id, path, ex.Message);
        }
        if (result.Columns.FirstOrDefault(c => !HoldsRows(c, result.RowCount)) is { } torn)
        {
            throw UnreadableResult(id, path, $"column '{torn.Name}' does not hold {result.RowCount} values");
        }
        return result;
    }

    private static bool HoldsRows(Column column, long rows)
    {
        var values = column.Type switch
        {
            Column.Types.Type.Int64 => column.Int64Values.Count,
            Column.Types.Type.Double => column.DoubleValues.Count,
            _ => column.StringValues.Count,
        };
        return values == rows && (column.Nulls.Count == 0 || column.Nulls.Count == rows);
    }

    private static ServiceException UnreadableResult(string id, string path, string reason) =>
        new(ErrorCode.DataLoss, $"The stored result of {AnalysisNames.Format(id)} cannot be read ({Path.GetFileName(path)}: {reason})");

    /// <summary>
    /// Flushed to the disk: the SUCCEEDED state saved after it relies on it. Binary, unlike the other
    /// files here: a result is the largest of them, and formatting its JSON took 2.6% of the server's CPU in small analyses.
    /// </summary>
    public void SaveResult(string id, Result result) => AtomicFile.Write(File(id, DataLayout.ResultFile), result.WriteTo);

    /// <summary>Whether an earlier version stored the analysis' chart (charts are now kept in memory only: Jobs/AnalysisPlots).</summary>
    public bool HasPlot(string id) => System.IO.File.Exists(File(id, DataLayout.PlotFile));

    public Stream OpenPlot(string id) =>
        new FileStream(File(id, DataLayout.PlotFile), FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);

    public bool HasAnalysis(string id) => System.IO.File.Exists(File(id, DataLayout.AnalysisFile));

    /// <summary>
    /// One stored analysis — its outcome.json once it ended, else its analysis.json (QUEUED, or how
    /// an earlier version stored its end) — or null when its folder holds none (or an unreadable
    /// one, which is logged). A folder without analysis.json is garbage even with an outcome (see <see cref="Discard"/>).
    /// </summary>
    public Analysis? Load(string id)
    {
        if (!HasAnalysis(id))
        {
            return null;
        }
        var outcome = File(id, DataLayout.OutcomeFile);
        var file = System.IO.File.Exists(outcome) ? outcome : File(id, DataLayout.AnalysisFile);
        try
        {
            return StoredJson.Parse<Analysis>(System.IO.File.ReadAllText(file));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // Expired or deleted in the meantime.
            return null;
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or IOException or InvalidJsonException)
        {
            logger.LogWarning("Skipping analysis directory {Directory}: {Message}", layout.AnalysisDirectory(id), ex.Message);
            return null;
        }
    }

    /// <summary>
    /// The history load's pass over <c>analyses/</c>, while the server takes calls: folders without
    /// an analysis.json are removed, and so are temp files of writes a crash cut short. Folders
    /// <paramref name="skip"/> names (analyses already in memory) are left alone; folders
    /// <paramref name="indexed"/> knows are only listed (their analysis is read when first asked
    /// for); the others are read now.
    /// </summary>
    public (List<string> Indexed, List<Analysis> Read) Scan(Func<string, bool> skip, Func<string, bool> indexed, CancellationToken stopping)
    {
        var listed = new List<string>();
        var read = new List<Analysis>();
        if (!Directory.Exists(layout.AnalysesRoot))
        {
            return (listed, read);
        }
        DeleteTemps(layout.AnalysesRoot);
        // Listed whole first: a folder made after this is not looked at, one made before it by
        // this process is named by skip (SavedDuringLoad is set before its folder is made).
        foreach (var dir in Directory.GetDirectories(layout.AnalysesRoot))
        {
            stopping.ThrowIfCancellationRequested();
            var id = Path.GetFileName(dir);
            if (!AnalysisNames.IsValidId(id) || skip(id))
            {
                continue;
            }
            if (!System.IO.File.Exists(Path.Combine(dir, DataLayout.AnalysisFile)))
            {
                logger.LogWarning("Removing analysis directory {Directory}: it holds no analysis.json (a crash before its first save)", dir);
                Discard(id);
                continue;
            }
            if (indexed(id))
            {
                listed.Add(id);
                continue;
            }
            DeleteTemps(dir);
            if (Load(id) is { } analysis)
            {
                read.Add(analysis);
            }
        }
        return (listed, read);
    }

    /// <summary>Removes the temp files of writes a crash cut short; none is ever the only copy of anything.</summary>
    public void DeleteTemps(string id) => DeleteTemps(layout.AnalysisDirectory(id), logIfMissing: false);

    /// <summary>
    /// Removes an analysis' folder: analysis.json first, so a crash midway leaves a folder start-up
    /// knows to be garbage, never half an analysis that still looks whole.
    /// </summary>
    public void Discard(string id)
    {
        var dir = layout.AnalysisDirectory(id);
        try
        {
            // A submit refused at its first save may have made no folder (nor marker).
            var made = Directory.Exists(dir);
            if (made)
            {
                System.IO.File.Delete(Path.Combine(dir, DataLayout.AnalysisFile));
            }
            active.Unmark(id);
            if (made)
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not remove analysis directory {Directory} (removed at the next start): {Message}", dir, ex.Message);
        }
    }

    private void DeleteTemps(string dir, bool logIfMissing = true)
    {
        try
        {
            foreach (var tmp in Directory.EnumerateFiles(dir, "*" + AtomicFile.TempSuffix))
            {
                System.IO.File.Delete(tmp);
            }
        }
        catch (DirectoryNotFoundException) when (!logIfMissing)
        {
        }
        catch (IOException ex)
        {
            logger.LogWarning("Could not remove temp files in {Directory}: {Message}", dir, ex.Message);
        }
    }

    private string File(string id, string name) => layout.AnalysisFilePath(id, name);
}
