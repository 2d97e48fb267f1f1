using Covid.Server.Storage;
using Covid.V1;
using Google.Protobuf;

namespace Covid.Server.Progress;

/// <summary>
/// events.jsonl of each analysis: one progress event per line, appended as it happens and read
/// back in order at start. A crash mid-append leaves at most one torn last line, which is dropped.
/// The file of an analysis under way stays open between its events (up to <see cref="MaxOpen"/>
/// of them; the rest are opened per event) and is closed by its FINISHED event: a small analysis
/// has half a dozen events, and opening the file for each was most of their cost.
/// </summary>
public sealed class ProgressJournal(DataLayout layout, ILogger<ProgressJournal> logger)
{
    /// <summary>Files kept open at most: analyses run a few at a time, but a long queue may each have a QUEUED event.</summary>
    public const int MaxOpen = 64;

    // Appends of one analysis never overlap (its ProgressLog appends under its lock); the gate only guards the map.
    private readonly Lock gate = new();
    private readonly Dictionary<string, FileStream> open = new(StringComparer.Ordinal);

    /// <summary>
    /// Appends one event. A failed append (a full disk) is logged and the event still goes out live:
    /// the state it reports was saved before it, and start-up writes a missing FINISHED event again,
    /// so a stream that waited for it ends rather than hanging on a line the disk had no room for.
    /// </summary>
    public void Append(string id, ProgressEvent progressEvent)
    {
        var last = progressEvent.Stage == ProgressEvent.Types.Stage.Finished;
        FileStream? stream = null;
        try
        {
            stream = Take(id) ?? Open(id);
            var end = stream.Position;
            try
            {
                stream.Write(System.Text.Encoding.UTF8.GetBytes(StoredJson.Format(progressEvent) + "\n"));
            }
            catch
            {
                // Half a line would swallow the next event appended after it.
                stream.SetLength(end);
                throw;
            }
            if (!last && Keep(id, stream))
            {
                stream = null;
            }
        }
        catch (Exception ex) when (StorageFailure.IsStorage(ex))
        {
            logger.LogWarning("Progress event {Sequence} of analysis {Id} was not written ({Reason}); it is sent live only",
                progressEvent.Sequence, id, StorageFailure.Describe(ex, layout));
        }
        finally
        {
            stream?.Dispose();
        }
    }

    /// <summary>Closes the file of an analysis that will have no more events here (it expired, or the server stops).</summary>
    public void Close(string id) => Take(id)?.Dispose();

    private FileStream? Take(string id)
    {
        lock (gate)
        {
            return open.Remove(id, out var stream) ? stream : null;
        }
    }

    /// <summary>Keeps the file open for the analysis' next event, unless <see cref="MaxOpen"/> are open.</summary>
    private bool Keep(string id, FileStream stream)
    {
        lock (gate)
        {
            return open.Count < MaxOpen && open.TryAdd(id, stream);
        }
    }

    // Unbuffered: a failed write leaves nothing behind to be written again on dispose. The folder
    // is made when the analysis is first saved; here only if it is missing.
    private FileStream Open(string id) => MissingFolder.Open(layout.AnalysisDirectory(id),
        () => new FileStream(Path(id), FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0));

    /// <summary>The analysis' events in order; empty when it has none yet.</summary>
    public IReadOnlyList<ProgressEvent> Load(string id)
    {
        var path = Path(id);
        var events = new List<ProgressEvent>();
        if (!File.Exists(path))
        {
            return events;
        }
        var torn = false;
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            try
            {
                events.Add(StoredJson.Parse<ProgressEvent>(line));
            }
            catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException)
            {
                // A crash mid-append leaves at most one torn last line; the events before it stand.
                torn = true;
                break;
            }
        }
        torn |= !EndsWithNewline(path);
        if (torn)
        {
            // Rewritten without the torn line, or the next append would be glued onto it and lost.
            logger.LogWarning("Dropping a torn last line of {Path}", path);
            AtomicFile.WriteText(path, string.Concat(events.Select(e => StoredJson.Format(e) + "\n")));
        }
        return events;
    }

    private string Path(string id) => layout.AnalysisFilePath(id, DataLayout.EventsFile);

    private static bool EndsWithNewline(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (stream.Length == 0)
        {
            return true;
        }
        stream.Seek(-1, SeekOrigin.End);
        return stream.ReadByte() == '\n';
    }
}
