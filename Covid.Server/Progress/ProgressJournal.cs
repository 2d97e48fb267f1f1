using Covid.Server.Storage;
using Covid.V1;
using Google.Protobuf;

namespace Covid.Server.Progress;

/// <summary>
/// events.jsonl of each analysis: one progress event per line, appended as it happens and read
/// back in order at start. A crash mid-append leaves at most one torn last line, which is dropped.
/// </summary>
public sealed class ProgressJournal(DataLayout layout, ILogger<ProgressJournal> logger)
{
    public void Append(string id, ProgressEvent progressEvent)
    {
        Directory.CreateDirectory(layout.AnalysisDirectory(id));
        using var stream = new FileStream(Path(id), FileMode.Append, FileAccess.Write, FileShare.Read);
        stream.Write(System.Text.Encoding.UTF8.GetBytes(StoredJson.Format(progressEvent) + "\n"));
    }

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
