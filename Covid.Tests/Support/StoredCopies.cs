using Covid.Server.Jobs;
using Covid.Server.Storage;
using Covid.V1;
using Google.Protobuf.WellKnownTypes;

namespace Covid.Tests.Support;

/// <summary>
/// A long history made fast: copies of one finished analysis written as the server stores them
/// (its folder's files, analysis.json under a new id, a line in finished.jsonl), each a second
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
        for (var i = 0; i < count; i++)
        {
            var copy = template.Clone();
            var id = AnalysisNames.NewId();
            copy.Name = AnalysisNames.Format(id);
            copy.RequestId = requestId?.Invoke(i) ?? template.RequestId;
            copy.CreateTime = Timestamp.FromDateTimeOffset(template.CreateTime.ToDateTimeOffset().AddSeconds(-skip - i - 1));
            var target = Directory.CreateDirectory(Path.Combine(analysesRoot, id)).FullName;
            foreach (var file in Directory.EnumerateFiles(source).Where(f => Path.GetFileName(f) != DataLayout.AnalysisFile))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }
            File.WriteAllText(Path.Combine(target, DataLayout.AnalysisFile), StoredJson.Format(copy));
            lines.Add(FinishedLog.LineOf(copy));
            copies.Add(copy);
        }
        File.WriteAllLines(log, lines);
        return copies;
    }
}
