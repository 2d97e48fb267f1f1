using Covid.Tests.Support;
using Covid.V1;
using Google.Protobuf;
using Grpc.Core;
using State = Covid.V1.Analysis.Types.State;

namespace Covid.Tests.Grpc.Reliability;

/// <summary>
/// What start-up finds in analyses/: garbage of a crash removed and nothing else, many finished
/// analyses known from finished.jsonl (read lazily) in the same order, and finished analyses
/// deleted with their files once Jobs:RetainFinished has passed.
/// </summary>
public sealed class StoredAnalysesTests
{
    [Fact]
    public async Task Start_OrphanFolderAndTempFiles_RemovedAndTheCompleteAnalysisKept()
    {
        var ct = Timeouts.Token(90);
        var host = await ServerHost.StartAsync();
        try
        {
            var kept = await SubmitAndWaitAsync(host, ct);
            var root = Path.Combine(host.DataDirectory, "analyses");
            var keptDir = Path.Combine(host.DataDirectory, kept.Name);
            // A crash before an analysis' first save leaves a folder with its events only; one
            // during a write leaves the write's temp file beside the file it was replacing.
            var orphan = Directory.CreateDirectory(Path.Combine(root, "0123456789abcdef0123")).FullName;
            File.WriteAllText(Path.Combine(orphan, "events.jsonl"), "{}\n");
            File.WriteAllText(Path.Combine(keptDir, "analysis.json.0badc0de.tmp"), "{\"name\": \"anal");
            File.WriteAllText(Path.Combine(root, "finished.jsonl.1badc0de.tmp"), "torn");

            host = await host.RestartAsync();
            // The list waits for the finished history, whose scan of the folders removes the garbage.
            var listed = Assert.Single((await host.Analyses.ListAnalysesAsync(new ListAnalysesRequest(), cancellationToken: ct)).Analyses);

            Assert.False(Directory.Exists(orphan));
            Assert.Empty(Directory.EnumerateFiles(root, "*.tmp"));
            Assert.Equal((kept.Name, State.Succeeded), (listed.Name, listed.State));
            var result = await host.Analyses.GetResultAsync(new GetResultRequest { Name = kept.Name }, cancellationToken: ct);
            Assert.True(result.TotalRowCount > 0);
            // A finished analysis' folder is read when first asked for, not at start-up (so start-up
            // does not read 10,000 folders); its temp files go then, or with the folder at expiry.
            Assert.Empty(Directory.EnumerateFiles(root, "*.tmp", SearchOption.AllDirectories));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Finished_EndStoredBesideTheQueuedRecord_WhichStaysAsAcceptedAndTheEndIsServedAfterRestart()
    {
        var ct = Timeouts.Token(90);
        var host = await ServerHost.StartAsync();
        try
        {
            var done = await SubmitAndWaitAsync(host, ct);
            var folder = Path.Combine(host.DataDirectory, done.Name);

            // analysis.json is not replaced when the analysis ends (that freed an inode per analysis): it stays QUEUED.
            var accepted = JsonParser.Default.Parse<Analysis>(await File.ReadAllTextAsync(Path.Combine(folder, "analysis.json"), ct));
            var outcome = JsonParser.Default.Parse<Analysis>(await File.ReadAllTextAsync(Path.Combine(folder, "outcome.json"), ct));
            Assert.Equal((State.Queued, State.Succeeded), (accepted.State, outcome.State));
            Assert.Equal(done.Spec, outcome.Spec);

            host = await host.RestartAsync();
            var after = await host.Analyses.GetAnalysisAsync(new GetAnalysisRequest { Name = done.Name }, cancellationToken: ct);

            Assert.Equal((State.Succeeded, done.EndTime, done.Spec), (after.State, after.EndTime, after.Spec));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Restart_ResultStoredAsJsonByAnEarlierVersion_ServedAsTheSameResult()
    {
        var ct = Timeouts.Token(90);
        var host = await ServerHost.StartAsync();
        try
        {
            var done = await SubmitAndWaitAsync(host, ct);
            var before = await host.Analyses.GetResultAsync(new GetResultRequest { Name = done.Name }, cancellationToken: ct);
            // What a version before binary results left: result.json (proto3 JSON, as it wrote it) and no result.pb.
            var folder = Path.Combine(host.DataDirectory, done.Name);
            var stored = Result.Parser.ParseFrom(await File.ReadAllBytesAsync(Path.Combine(folder, "result.pb"), ct));
            Assert.Equal(before.TotalRowCount, stored.RowCount);
            await File.WriteAllTextAsync(Path.Combine(folder, "result.json"),
                new JsonFormatter(JsonFormatter.Settings.Default).Format(stored), ct);
            File.Delete(Path.Combine(folder, "result.pb"));

            host = await host.RestartAsync();
            var after = await host.Analyses.GetResultAsync(new GetResultRequest { Name = done.Name }, cancellationToken: ct);

            Assert.Equal(before, after);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task GetResult_StoredResultCutShortOrGarbled_DataLossNamingTheFile()
    {
        var ct = Timeouts.Token(90);
        var host = await ServerHost.StartAsync();
        try
        {
            var (cut, garbled) = (await SubmitAndWaitAsync(host, ct), await SubmitAndWaitAsync(host, ct));
            // A binary message cut short where a field begins still parses, as a shorter one: cut
            // just after the columns, it has lost row_count (written after them), so the columns
            // hold more values than it says.
            var cutFile = Path.Combine(host.DataDirectory, cut.Name, "result.pb");
            var bytes = await File.ReadAllBytesAsync(cutFile, ct);
            var columnsOnly = new Result { Analysis = cut.Name, Columns = { Result.Parser.ParseFrom(bytes).Columns } }.ToByteArray();
            Assert.Equal(columnsOnly, bytes[..columnsOnly.Length]);
            await File.WriteAllBytesAsync(cutFile, columnsOnly, ct);
            await File.WriteAllBytesAsync(Path.Combine(host.DataDirectory, garbled.Name, "result.pb"), [0xFF, 0xFF, 0xFF, 0xFF, 0x0F], ct);

            // Restarted: the results are no longer in memory, so they are read from their files.
            host = await host.RestartAsync();
            foreach (var name in (string[])[cut.Name, garbled.Name])
            {
                var e = await Assert.ThrowsAsync<RpcException>(() => host.Analyses.GetResultAsync(new GetResultRequest { Name = name }, cancellationToken: ct).ResponseAsync);

                Assert.Equal(StatusCode.DataLoss, e.StatusCode);
                Assert.Contains(name, e.Status.Detail);
                Assert.Contains("result.pb", e.Status.Detail);
            }
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Restart_ManyFinished_SameListInTheSameOrderAndEachReadWhole()
    {
        var ct = Timeouts.Token(180);
        var host = await ServerHost.StartAsync();
        try
        {
            for (var i = 0; i < 12; i++)
            {
                await SubmitAndWaitAsync(host, ct);
            }
            var before = await ServerCalls.ListAllAsync(host.Analyses, ct, pageSize: 5);

            host = await host.RestartAsync();
            var after = await ServerCalls.ListAllAsync(host.Analyses, ct, pageSize: 5);
            var lines = File.ReadAllLines(Path.Combine(host.DataDirectory, "analyses", "finished.jsonl"));
            var one = await host.Analyses.GetAnalysisAsync(new GetAnalysisRequest { Name = before[5].Name }, cancellationToken: ct);

            Assert.Equal(before.Select(a => (a.Name, a.State)), after.Select(a => (a.Name, a.State)));
            Assert.Equal(12, lines.Length);
            // The finished log leaves the spec out; GetAnalysis reads it from the analysis' folder.
            Assert.Equal(Specs.IssueExample(), one.Spec);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Expiry_FinishedLongerThanRetainFinished_GoneWithItsFilesAndStaysGone()
    {
        var ct = Timeouts.Token(90);
        var host = await ServerHost.StartAsync(new ServerHostOptions { Settings = { ["Jobs:RetainFinished"] = "00:00:03" } });
        try
        {
            var finished = await SubmitAndWaitAsync(host, ct);
            var folder = Path.Combine(host.DataDirectory, finished.Name);
            Assert.True(File.Exists(Path.Combine(folder, "result.pb")));

            RpcException? gone = null;
            while (gone is null)
            {
                await Task.Delay(200, ct);
                try
                {
                    await host.Analyses.GetAnalysisAsync(new GetAnalysisRequest { Name = finished.Name }, cancellationToken: ct);
                }
                catch (RpcException e)
                {
                    gone = e;
                }
            }

            Assert.Equal(StatusCode.NotFound, gone.StatusCode);
            // The sweep takes it out of the index first and deletes its files right after, so a
            // call may see NOT_FOUND a moment before they are gone (the test's token bounds the wait).
            var log = Path.Combine(host.DataDirectory, "analyses", "finished.jsonl");
            while (Directory.Exists(folder) || File.ReadAllLines(log).Any(l => l.Contains(finished.Name[9..], StringComparison.Ordinal)))
            {
                await Task.Delay(50, ct);
            }
            host = await host.RestartAsync();
            Assert.Empty((await host.Analyses.ListAnalysesAsync(new ListAnalysesRequest(), cancellationToken: ct)).Analyses);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static async Task<Analysis> SubmitAndWaitAsync(ServerHost host, CancellationToken ct)
    {
        // Recompute: each is to be a stored analysis of its own, not the answer of the first.
        var submitted = await host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample(), Recompute = true }, cancellationToken: ct);
        var done = await ServerCalls.WaitForAsync(host.Analyses, submitted.Name, a => a.State is not (State.Queued or State.Running), ct);
        Assert.Equal(State.Succeeded, done.State);
        return done;
    }

}
