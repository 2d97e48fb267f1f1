using Covid.Server.Hosting;
using Covid.V1;
using Google.Protobuf;
using Microsoft.Extensions.Options;

namespace Covid.Server.Jobs;

/// <summary>
/// The durable record of analyses: <c>{Data}/analyses/{id}/</c> holds analysis.json, events.jsonl,
/// result.json and plot.png. Whole files are written to a temp file and renamed into place, so a
/// crash leaves either the old or the new version, never half of one.
/// </summary>
public sealed class AnalysisStore(IOptions<DataOptions> options, ILogger<AnalysisStore> logger)
{
    private const string AnalysisFile = "analysis.json";
    private const string EventsFile = "events.jsonl";
    private const string ResultFile = "result.json";
    private const string PlotFile = "plot.png";

    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));
    // Newer servers may add fields; an older one reading them back should not refuse to start.
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public string Root { get; } = Path.Combine(options.Value.FullDirectory, "analyses");

    public void Save(Analysis analysis) =>
        WriteAtomically(Dir(IdOf(analysis)), AnalysisFile, s => WriteText(s, Formatter.Format(analysis)));

    public void AppendEvent(string id, ProgressEvent progressEvent)
    {
        var dir = Dir(id);
        Directory.CreateDirectory(dir);
        using var stream = new FileStream(Path.Combine(dir, EventsFile), FileMode.Append, FileAccess.Write, FileShare.Read);
        WriteText(stream, Formatter.Format(progressEvent) + "\n");
    }

    public void SaveResult(string id, Result result) =>
        WriteAtomically(Dir(id), ResultFile, s => WriteText(s, Formatter.Format(result)));

    public Result LoadResult(string id) => Parser.Parse<Result>(File.ReadAllText(Path.Combine(Dir(id), ResultFile)));

    public void SavePlot(string id, byte[] png) => WriteAtomically(Dir(id), PlotFile, s => s.Write(png));

    public Stream OpenPlot(string id) =>
        new FileStream(Path.Combine(Dir(id), PlotFile), FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);

    /// <summary>Every analysis on disk. Unreadable ones are logged and skipped rather than stopping the server.</summary>
    public IReadOnlyList<StoredAnalysis> LoadAll()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }
        var loaded = new List<StoredAnalysis>();
        foreach (var dir in Directory.EnumerateDirectories(Root))
        {
            var file = Path.Combine(dir, AnalysisFile);
            if (!AnalysisNames.IsValidId(Path.GetFileName(dir)) || !File.Exists(file))
            {
                continue;
            }
            try
            {
                foreach (var tmp in Directory.EnumerateFiles(dir, "*.tmp"))
                {
                    File.Delete(tmp);
                }
                var analysis = Parser.Parse<Analysis>(File.ReadAllText(file));
                loaded.Add(new StoredAnalysis(analysis, LoadEvents(Path.Combine(dir, EventsFile))));
            }
            catch (Exception ex) when (ex is InvalidProtocolBufferException or IOException or InvalidJsonException)
            {
                logger.LogWarning("Skipping analysis directory {Directory}: {Message}", dir, ex.Message);
            }
        }
        return loaded;
    }

    private List<ProgressEvent> LoadEvents(string path)
    {
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
                events.Add(Parser.Parse<ProgressEvent>(line));
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
            WriteAtomically(Path.GetDirectoryName(path)!, EventsFile,
                s => WriteText(s, string.Concat(events.Select(e => Formatter.Format(e) + "\n"))));
        }
        return events;
    }

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

    private string Dir(string id) => Path.Combine(Root, id);

    private static string IdOf(Analysis analysis) => AnalysisNames.ParseId(analysis.Name);

    private static void WriteAtomically(string dir, string fileName, Action<Stream> write)
    {
        Directory.CreateDirectory(dir);
        var target = Path.Combine(dir, fileName);
        var temp = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static void WriteText(Stream stream, string text) => stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
}
