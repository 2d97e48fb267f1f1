using System.Text;
using System.Text.Json;
using Covid.Server.Storage;
using Covid.V1;

namespace Covid.Server.Jobs;

/// <summary>
/// analyses/finished.jsonl: one line per finished analysis, appended when it finishes, so start-up
/// reads one file instead of every analysis folder. A line is a small <see cref="FinishedRecord"/>,
/// a tab, then the finished analysis' proto3 JSON without its spec (kept as text until someone asks
/// for that analysis). It is an index, never the only copy: appends are not flushed, a lost or torn
/// line only means that folder is read in full at the next start, and start-up rewrites the file
/// whole when it holds lines of analyses that are gone.
/// </summary>
public sealed class FinishedLog(DataLayout layout, ILogger<FinishedLog> logger)
{
    public const string FileName = "finished.jsonl";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Lock gate = new();

    private string Path => System.IO.Path.Combine(layout.AnalysesRoot, FileName);

    public static FinishedRecord RecordOf(Analysis analysis) => new(
        AnalysisNames.ParseId(analysis.Name),
        analysis.Owner,
        analysis.RequestId,
        analysis.CreateTime?.ToDateTimeOffset().UtcTicks ?? 0,
        analysis.EndTime?.ToDateTimeOffset().UtcTicks ?? 0);

    /// <summary>The line of a finished analysis (spec left out: it stays in outcome.json).</summary>
    public static string LineOf(Analysis analysis)
    {
        var summary = analysis.Clone();
        summary.Spec = null;
        return JsonSerializer.Serialize(RecordOf(analysis), Json) + "\t" + StoredJson.Format(summary);
    }

    /// <summary>The analysis part of a line (after the record and its tab).</summary>
    public static string SummaryOf(string line) => line[(line.IndexOf('\t') + 1)..];

    public void Append(Analysis finished)
    {
        try
        {
            lock (gate)
            {
                Directory.CreateDirectory(layout.AnalysesRoot);
                File.AppendAllText(Path, LineOf(finished) + "\n", Encoding.UTF8);
            }
        }
        catch (Exception ex) when (StorageFailure.IsStorage(ex))
        {
            // Only an index: its folder is read in full at the next start instead.
            logger.LogWarning("Finished analysis {Name} not added to {File}: {Reason}", finished.Name, FileName, StorageFailure.Describe(ex, layout));
        }
    }

    /// <summary>Every line that parses, the last one of an id winning; whether the file should be rewritten (torn or repeated lines).</summary>
    public (Dictionary<string, (FinishedRecord Record, string Line)> Lines, bool Untidy) Load()
    {
        var lines = new Dictionary<string, (FinishedRecord, string)>(StringComparer.Ordinal);
        if (!File.Exists(Path))
        {
            return (lines, false);
        }
        var untidy = false;
        foreach (var line in File.ReadLines(Path))
        {
            var tab = line.IndexOf('\t');
            FinishedRecord? record = null;
            try
            {
                record = tab > 0 ? JsonSerializer.Deserialize<FinishedRecord>(line.AsSpan(0, tab), Json) : null;
            }
            catch (JsonException)
            {
            }
            if (record is null || !AnalysisNames.IsValidId(record.Id) || line.Length == tab + 1)
            {
                untidy = true;
                continue;
            }
            untidy |= lines.ContainsKey(record.Id);
            lines[record.Id] = (record, line);
        }
        return (lines, untidy);
    }

    /// <summary>Replaces the file with exactly these lines, atomically (a failure is logged: the old file stays, and is still right).</summary>
    public void Rewrite(IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }
        try
        {
            lock (gate)
            {
                AtomicFile.WriteText(Path, text.ToString(), durable: false);
            }
        }
        catch (Exception ex) when (StorageFailure.IsStorage(ex))
        {
            logger.LogWarning("{File} not rewritten: {Reason}", FileName, StorageFailure.Describe(ex, layout));
        }
    }
}
