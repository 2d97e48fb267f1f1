using Covid.SparkJob.Engine;
using Covid.Tests.Support;
using Covid.V1;
using Google.Protobuf;
using Grpc.Core;
using State = Covid.V1.Analysis.Types.State;
using Stage = Covid.V1.ProgressEvent.Types.Stage;

namespace Covid.Tests.Grpc.Reliability;

/// <summary>
/// The server's data directory on a tmpfs that really fills up (ENOSPC from the kernel): every
/// refusal is a documented status, nothing half-done is left to run later, no state is claimed
/// that the disk does not hold, and work waits for space instead of hanging or vanishing.
/// </summary>
public sealed class DiskFullTests
{
    [RootFact]
    public async Task Submit_DiskFull_ResourceExhaustedAndNothingRunsAfterRestart()
    {
        var ct = Timeouts.Token(120);
        using var disk = new SmallDisk();
        var host = await ServerHost.StartAsync(new ServerHostOptions { DataDirectory = disk.DataDirectory });
        try
        {
            disk.Fill();

            var error = await Assert.ThrowsAsync<RpcException>(() =>
                host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample(), RequestId = "full-1" }, cancellationToken: ct).ResponseAsync);

            Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
            Assert.Contains("data directory is full; the analysis was not created", error.Status.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain(disk.Path, error.Status.Detail, StringComparison.Ordinal);
            Assert.Empty(AnalysisFolders(disk));
            disk.Free();
            host = await host.RestartAsync();
            Assert.Empty((await host.Analyses.ListAnalysesAsync(new ListAnalysesRequest(), cancellationToken: ct)).Analyses);
            // The id was not taken by the refused submit: the retry creates the analysis.
            var retried = await host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample(), RequestId = "full-1" }, cancellationToken: ct);
            Assert.Equal(State.Succeeded, (await ServerCalls.WaitForAsync(host.Analyses, retried.Name, a => a.State is State.Succeeded or State.Failed, ct)).State);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [RootFact]
    public async Task Run_DiskFullBeforeItsResult_StaysRunningSaysWhyAndSucceedsOnceSpaceIsFreed()
    {
        var ct = Timeouts.Token(120);
        using var disk = new SmallDisk();
        var gated = new GatedEngine(new EmbeddedEngine());
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { DataDirectory = disk.DataDirectory, Customize = gated.Customize });
        var submitted = await host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample() }, cancellationToken: ct);
        await gated.WaitEnteredAsync(ct);
        var stream = ServerCalls.StreamAsync(host.Analyses, submitted.Name, ct);

        disk.Fill();
        gated.Open();
        var waiting = await ServerCalls.WaitForAsync(host.Analyses, submitted.Name, a => a.Progress.Message.StartsWith("waiting", StringComparison.Ordinal), ct);
        Assert.Equal(State.Running, waiting.State);
        Assert.Contains("could not record that it SUCCEEDED (the data directory is full)", waiting.Progress.Message, StringComparison.Ordinal);
        // RUNNING is stored as the active marker's name; outcome.json is written when it ends.
        Assert.Equal(("QUEUED", true), (StoredState(disk, submitted.Name), Started(disk, submitted.Name)));
        disk.Free();
        var events = await stream;

        Assert.Equal((Stage.Finished, State.Succeeded), (events[^1].Stage, events[^1].State));
        Assert.Equal("SUCCEEDED", StoredState(disk, submitted.Name));
        var result = await host.Analyses.GetResultAsync(new GetResultRequest { Name = submitted.Name }, cancellationToken: ct);
        Assert.True(result.RowCount > 0);
    }

    [RootFact]
    public async Task Start_DiskFullWhenItWouldStart_StartsWithoutSpaceThenWaitsToStoreItsResult()
    {
        var ct = Timeouts.Token(120);
        using var disk = new SmallDisk();
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { DataDirectory = disk.DataDirectory, Settings = { ["Jobs:MaxConcurrent"] = "1" } });
        // Room for the QUEUED save of one analysis.json, none for its result after it.
        disk.Fill(leaveBytes: 4096);
        var submitted = await host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample() }, cancellationToken: ct);
        var stream = ServerCalls.StreamAsync(host.Analyses, submitted.Name, ct);

        // Recording the start takes no space (a rename of its marker): it runs, and waits to store what it found.
        var waiting = await ServerCalls.WaitForAsync(host.Analyses, submitted.Name, a => a.Progress.Message.StartsWith("waiting", StringComparison.Ordinal), ct);
        Assert.Equal(State.Running, waiting.State);
        Assert.Contains("could not record that it SUCCEEDED (the data directory is full)", waiting.Progress.Message, StringComparison.Ordinal);
        Assert.Equal(("QUEUED", true), (StoredState(disk, submitted.Name), Started(disk, submitted.Name)));
        disk.Free();
        var events = await stream;

        Assert.Equal((Stage.Finished, State.Succeeded), (events[^1].Stage, events[^1].State));
        Assert.Equal("SUCCEEDED", StoredState(disk, submitted.Name));
        // The marker goes right after the FINISHED event is sent (AnalysisLifecycle.Commit): a moment later.
        while (Started(disk, submitted.Name))
        {
            await Task.Delay(20, ct);
        }
    }

    [RootFact]
    public async Task Upload_DiskFull_ResourceExhaustedAndNothingKept()
    {
        var ct = Timeouts.Token(120);
        using var disk = new SmallDisk();
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { DataDirectory = disk.DataDirectory });
        disk.Fill(leaveBytes: 256 * 1024);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            ServerCalls.UploadAsync(host.Datasets, "too-big", File.ReadAllBytes(CdcFiles.Get(CdcFiles.CasesDeaths2020)), ct));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("data directory is full; dataset \"too-big\" was not loaded and nothing of it was kept", error.Status.Detail, StringComparison.Ordinal);
        var staging = Path.Combine(disk.DataDirectory, "datasets", ".staging");
        Assert.True(!Directory.Exists(staging) || Directory.GetFileSystemEntries(staging).Length == 0, "staging is not empty");
        var datasets = await host.Datasets.ListDatasetsAsync(new ListDatasetsRequest(), cancellationToken: ct);
        Assert.DoesNotContain(datasets.Datasets, d => d.Name == "too-big");
    }

    private static string[] AnalysisFolders(SmallDisk disk)
    {
        var root = Path.Combine(disk.DataDirectory, "analyses");
        // Not .active, the server's own folder of markers.
        return Directory.Exists(root) ? Directory.GetDirectories(root).Where(d => !Path.GetFileName(d).StartsWith('.')).ToArray() : [];
    }

    private static string StoredState(SmallDisk disk, string name)
    {
        var outcome = Path.Combine(disk.DataDirectory, name, "outcome.json");
        var file = File.Exists(outcome) ? outcome : Path.Combine(disk.DataDirectory, name, "analysis.json");
        return JsonParser.Default.Parse<Analysis>(File.ReadAllText(file)).State.ToString().ToUpperInvariant();
    }

    /// <summary>Whether the analysis' active marker says it started (analyses/.active/{id}.running).</summary>
    private static bool Started(SmallDisk disk, string name) =>
        File.Exists(Path.Combine(disk.DataDirectory, "analyses", ".active", name["analyses/".Length..] + ".running"));
}
