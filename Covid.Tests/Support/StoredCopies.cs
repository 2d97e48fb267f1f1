using Covid.Server.Jobs;
using Covid.Server.Storage;
using Covid.V1;
using Google.Protobuf.WellKnownTypes;

namespace Covid.Tests.Support;

/// <summary>
/// A long history made fast: copies of one finished analysis written as the server stores them
/// (its folder's files, analysis.json and outcome.json under a new id, a line in finished.jsonl), each a second
/// older than the last, for the tests and the bench that restart a server over thousands.
/// </summary>
public static class StoredCopies
{
    /// <param name="analysesRoot">The data directory's analyses/, holding the template's folder and finished.jsonl.</param>
    /// <param name="skip">Seconds before the template the first copy starts (to add to copies made earlier).</param>
    /// <param name="requestId">The request_id of copy i; none when null.</param>
    public static List<Analysis> Write(string analysesRoot, Analysis template, int count, int skip = 0, Func<int, string>? requestId = null)
    {
        var source = Path.Combine(analysesRoot, AnalysisNames.ParseId(template.Name));
        var log = Path.Combine(analysesRoot, FinishedLog.FileName);
        var lines = new List<string>(File.ReadAllLines(log));
        var copies = new List<Analysis>();
        var queued = StoredJson.Parse<Analysis>(File.ReadAllText(Path.Combine(source, DataLayout.AnalysisFile)));
        for (var i = 0; i < count; i++)
        {
            var id = AnalysisNames.NewId();
            var (request, created) = (requestId?.Invoke(i) ?? template.RequestId, Timestamp.FromDateTimeOffset(template.CreateTime.ToDateTimeOffset().AddSeconds(-skip - i - 1)));
            var copy = Renamed(template, id, request, created);
            var target = Directory.CreateDirectory(Path.Combine(analysesRoot, id)).FullName;
            foreach (var file in Directory.EnumerateFiles(source).Where(f => Path.GetFileName(f) is not (DataLayout.AnalysisFile or DataLayout.OutcomeFile)))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }
            File.WriteAllText(Path.Combine(target, DataLayout.AnalysisFile), StoredJson.Format(Renamed(queued, id, request, created)));
            File.WriteAllText(Path.Combine(target, DataLayout.OutcomeFile), StoredJson.Format(copy));
            lines.Add(FinishedLog.LineOf(copy));
            copies.Add(copy);
        }
        File.WriteAllLines(log, lines);
        return copies;
    }

    /// <summary>A stored form of the template (its QUEUED analysis.json or its outcome) as another analysis.</summary>
    private static Analysis Renamed(Analysis stored, string id, string requestId, Timestamp created)
    {
        var copy = stored.Clone();
        copy.Name = AnalysisNames.Format(id);
        copy.RequestId = requestId;
        copy.CreateTime = created;
        return copy;
    }
}
