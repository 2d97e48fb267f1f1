using Covid.Server.Jobs;
using Covid.Server.Storage;
using Covid.Tests.Support;
using Covid.V1;
using Google.Protobuf.WellKnownTypes;
using State = Covid.V1.Analysis.Types.State;

namespace Covid.Tests.Grpc.Reliability;

/// <summary>
/// A server restarted over thousands of stored finished analyses takes calls before it has loaded
/// them (only the unfinished are recovered first), and answers every call as if it had: lists,
/// lookups and request_id retries right from its first call, and unfinished analyses whose marker
/// was lost still found and run.
/// </summary>
public sealed class LongHistoryTests
{
    private const int Stored = 3000;

    [Fact]
    public async Task Restart_ThousandsFinished_FirstCallsAnswerAsWithTheWholeHistory()
    {
        var ct = Timeouts.Token(240);
        using var dir = new TempDirectory("covid-history-");
        var host = await ServerHost.StartAsync(new ServerHostOptions { DataDirectory = dir.Path });
        try
        {
            var submitted = await host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample(), RequestId = "base" }, cancellationToken: ct);
            var template = await ServerCalls.WaitForAsync(host.Analyses, submitted.Name, a => a.State == State.Succeeded, ct);
            await host.DisposeAsync();
            var root = Path.Combine(dir.Path, "analyses");
            var clones = StoredCopies.Write(root, template, Stored - 1, requestId: i => "r" + i);
            // Left by crashes: one queued (marked active), one running whose marker a machine crash lost, one folder without analysis.json.
            var queued = WriteUnfinished(root, "0000000000000000000a", State.Queued, marked: true);
            var unmarked = WriteUnfinished(root, "0000000000000000000b", State.Running, marked: false);
            var ghost = Directory.CreateDirectory(Path.Combine(root, "0000000000000000000c")).FullName;

            host = await ServerHost.StartAsync(new ServerHostOptions { DataDirectory = dir.Path });
            // No waiting first: each of these is answered as if the whole history were loaded.
            var retried = await host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample(), RequestId = "r1234" }, cancellationToken: ct);
            var one = await host.Analyses.GetAnalysisAsync(new GetAnalysisRequest { Name = clones[2000].Name }, cancellationToken: ct);
            var all = await ServerCalls.ListAllAsync(host.Analyses, ct);

            Assert.Equal(clones[1234].Name, retried.Name);
            Assert.Equal((State.Succeeded, Specs.IssueExample()), (one.State, one.Spec));
            // The template and its copies, and the two unfinished.
            Assert.Equal(Stored + 2, all.Count);
            Assert.Equal(all.OrderByDescending(a => a.CreateTime.ToDateTimeOffset()).ThenByDescending(a => a.Name).Select(a => a.Name), all.Select(a => a.Name));
            Assert.False(Directory.Exists(ghost));
            foreach (var name in new[] { queued, unmarked })
            {
                await ServerCalls.WaitForAsync(host.Analyses, name, a => a.State == State.Succeeded, ct);
            }
            Assert.Empty(Directory.EnumerateFiles(Path.Combine(root, ActiveMarkers.DirectoryName)));

            host = await host.RestartAsync();
            Assert.Equal(all.Count, (await ServerCalls.ListAllAsync(host.Analyses, ct)).Count);
            Assert.Equal(all.Count, File.ReadAllLines(Path.Combine(root, FinishedLog.FileName)).Length);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static string WriteUnfinished(string root, string id, State state, bool marked)
    {
        var analysis = new Analysis
        {
            Name = AnalysisNames.Format(id),
            Spec = Specs.IssueExample(),
            State = state,
            Engine = AnalysisSpec.Types.Engine.Embedded,
            CreateTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-1)),
        };
        Directory.CreateDirectory(Path.Combine(root, id));
        File.WriteAllText(Path.Combine(root, id, DataLayout.AnalysisFile), StoredJson.Format(analysis));
        if (marked)
        {
            Directory.CreateDirectory(Path.Combine(root, ActiveMarkers.DirectoryName));
            File.WriteAllText(Path.Combine(root, ActiveMarkers.DirectoryName, id), "");
        }
        return analysis.Name;
    }
}
