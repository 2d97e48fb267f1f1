using Covid.SparkJob.Engine;
using Covid.Tests.Support;
using Covid.V1;
using Grpc.Core;
using State = Covid.V1.Analysis.Types.State;

namespace Covid.Tests.Grpc.Versions;

/// <summary>
/// An analysis reads the version it resolved to at submit: a load after it (even before it runs)
/// changes nothing, pruning never removes a version a queued or running analysis reads, and both
/// hold across a restart. The gated engine holds runs so the test knows what is queued and running.
/// </summary>
public sealed class PinnedVersionTests
{
    [Fact]
    public async Task QueuedBeforeTheSecondLoad_ReadsTheFirst_SubmittedAfter_ReadsTheSecond()
    {
        var ct = Timeouts.Token(120);
        var gated = new GatedEngine(new EmbeddedEngine());
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Customize = gated.Customize, Settings = { ["Jobs:MaxConcurrent"] = "1" } });
        await Vintages.LoadAsync(host.Datasets, Vintages.Early, Vintages.Name, ct);
        var running = await Vintages.SubmitAsync(host.Analyses, Vintages.WeeklyByState(), ct);
        await gated.WaitEnteredAsync(ct);
        var queued = await Vintages.SubmitAsync(host.Analyses, Vintages.WeeklyByState(), ct);

        await Vintages.LoadAsync(host.Datasets, Vintages.Late, Vintages.Name, ct);
        var after = await Vintages.SubmitAsync(host.Analyses, Vintages.WeeklyByState(), ct);
        var queuedBeforeItRan = await host.Analyses.GetAnalysisAsync(new GetAnalysisRequest { Name = queued.Name }, cancellationToken: ct);
        gated.Open();
        var (_, first) = await Vintages.FinishAsync(host.Analyses, running.Name, ct);
        var (queuedDone, second) = await Vintages.FinishAsync(host.Analyses, queued.Name, ct);
        var (afterDone, third) = await Vintages.FinishAsync(host.Analyses, after.Name, ct);
        // Reproducing the first analysis: its recorded spec, pinned to its recorded version.
        var recorded = running.Spec.Clone();
        recorded.Version = running.DatasetVersion.Version;
        var (rerun, again) = await Vintages.RunAsync(host.Analyses, recorded, ct);

        Assert.Equal(State.Queued, queuedBeforeItRan.State);
        Assert.Equal((1, 1, 2), (running.DatasetVersion.Version, queuedDone.DatasetVersion.Version, afterDone.DatasetVersion.Version));
        Assert.Equal(Vintages.Sha256(Vintages.Early), queuedDone.DatasetVersion.Sha256);
        Assert.Equal(first.Columns, second.Columns);
        Assert.Equal("2020-09-21", second.Columns.Single(c => c.Name == "period").StringValues.Max());
        Assert.Equal("2021-05-24", third.Columns.Single(c => c.Name == "period").StringValues.Max());
        Assert.Equal(queuedDone.DatasetVersion, second.DatasetVersion);
        Assert.Equal(running.DatasetVersion, rerun.DatasetVersion);
        Assert.Equal(first.Columns, again.Columns);
    }

    [Fact]
    public async Task Pruning_KeepOne_NeverRemovesAPinnedVersion_RemovesItOnceUnused()
    {
        var ct = Timeouts.Token(180);
        var gated = new GatedEngine(new EmbeddedEngine());
        var options = new ServerHostOptions { Customize = gated.Customize, Settings = { ["Jobs:MaxConcurrent"] = "1", ["Data:KeepVersions"] = "1" } };
        await using var host = await ServerHost.StartAsync(options);
        var early = await File.ReadAllBytesAsync(Vintages.Early, ct);
        await Vintages.LoadAsync(host.Datasets, Vintages.Early, "pinned", ct);
        var running = await Vintages.SubmitAsync(host.Analyses, Vintages.WeeklyByState("pinned"), ct);
        await gated.WaitEnteredAsync(ct);
        var queued = await Vintages.SubmitAsync(host.Analyses, Vintages.WeeklyByState("pinned"), ct);

        await Vintages.LoadAsync(host.Datasets, Vintages.Late, "pinned", ct);
        await ServerCalls.UploadAsync(host.Datasets, "pinned", early, ct, "third.csv", replace: true);
        var whilePinned = await Vintages.VersionsAsync(host.Datasets, "pinned", ct);
        var delete = await Vintages.FailsAsync(() => host.Datasets.DeleteDatasetAsync(new DeleteDatasetRequest { Name = "pinned" }, cancellationToken: ct));
        gated.Open();
        var (_, first) = await Vintages.FinishAsync(host.Analyses, running.Name, ct);
        var (queuedDone, _) = await Vintages.FinishAsync(host.Analyses, queued.Name, ct);
        await ServerCalls.UploadAsync(host.Datasets, "pinned", early, ct, "fourth.csv", replace: true);
        var afterwards = await Vintages.VersionsAsync(host.Datasets, "pinned", ct);

        // Version 2 went at the third load; version 1 stayed while two analyses read it.
        Assert.Equal([3, 1], whilePinned.Select(v => v.Version));
        Assert.Equal([0, 2], whilePinned.Select(v => v.ActiveAnalyses));
        Assert.Equal(StatusCode.FailedPrecondition, delete.StatusCode);
        Assert.Equal(1, queuedDone.DatasetVersion.Version);
        Assert.Equal("2020-09-21", first.Columns.Single(c => c.Name == "period").StringValues.Max());
        Assert.Equal([4], afterwards.Select(v => v.Version));
        var directory = Path.Combine(host.DataDirectory, "datasets", "pinned");
        Assert.Equal(["v4"], Directory.GetDirectories(directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Restart_VersionsAndPinsSurvive_AQueuedAnalysisStillReadsItsVersion()
    {
        var ct = Timeouts.Token(240);
        var gated = new GatedEngine(new EmbeddedEngine());
        var options = new ServerHostOptions { Customize = gated.Customize, Settings = { ["Jobs:MaxConcurrent"] = "1", ["Data:KeepVersions"] = "1" } };
        var host = await ServerHost.StartAsync(options);
        try
        {
            await Vintages.LoadAsync(host.Datasets, Vintages.Early, Vintages.Name, ct);
            var running = await Vintages.SubmitAsync(host.Analyses, Vintages.WeeklyByState(), ct);
            await gated.WaitEnteredAsync(ct);
            var compared = Vintages.WeeklyByState();
            compared.AsOf = "2020-12-31";
            var queued = await Vintages.SubmitAsync(host.Analyses, compared, ct);
            await Vintages.LoadAsync(host.Datasets, Vintages.Late, Vintages.Name, ct);
            var before = await Vintages.VersionsAsync(host.Datasets, Vintages.Name, ct);

            host = await host.RestartAsync();
            var restored = await Vintages.VersionsAsync(host.Datasets, Vintages.Name, ct);
            await ServerCalls.UploadAsync(host.Datasets, Vintages.Name, await File.ReadAllBytesAsync(Vintages.Late, ct), ct, "again.csv", replace: true);
            var afterLoad = await Vintages.VersionsAsync(host.Datasets, Vintages.Name, ct);
            gated.Open();
            var (runningDone, first) = await Vintages.FinishAsync(host.Analyses, running.Name, ct);
            var (queuedDone, second) = await Vintages.FinishAsync(host.Analyses, queued.Name, ct);

            // Active counts differ: the restarted server holds both analyses again; the rest is as stored.
            Assert.Equal(before.Select(AsStored), restored.Select(AsStored));
            Assert.Equal([2, 1], restored.Select(v => v.Version));
            Assert.Equal([3, 1], afterLoad.Select(v => v.Version));
            Assert.Equal((1, 1), (runningDone.DatasetVersion.Version, queuedDone.DatasetVersion.Version));
            Assert.Equal(first.Columns, second.Columns);
            Assert.Equal("2020-09-21", second.Columns.Single(c => c.Name == "period").StringValues.Max());
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static DatasetVersion AsStored(DatasetVersion version)
    {
        var stored = version.Clone();
        stored.ActiveAnalyses = 0;
        return stored;
    }

    [Fact]
    public async Task Quota_CountsEveryKeptVersion()
    {
        var ct = Timeouts.Token(60);
        var csv = await File.ReadAllBytesAsync(Vintages.Early, ct);
        var settings = TestCredentials.ApiKeys(("alice", "user"));
        settings["Quotas:MaxStoredBytes"] = (2L * csv.Length - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Settings = settings });
        var datasets = TestCredentials.Clients(host, "alice").Datasets;
        await ServerCalls.UploadAsync(datasets, "mine", csv, ct);

        var second = await Assert.ThrowsAsync<RpcException>(() => ServerCalls.UploadAsync(datasets, "mine", csv, ct, replace: true));
        await datasets.DeleteDatasetAsync(new DeleteDatasetRequest { Name = "mine" }, cancellationToken: ct);
        await ServerCalls.UploadAsync(datasets, "mine", csv, ct);
        var again = await Vintages.VersionsAsync(datasets, "mine", ct);

        Assert.Equal(StatusCode.ResourceExhausted, second.StatusCode);
        Assert.Contains("Quotas:MaxStoredBytes", second.Status.Detail, StringComparison.Ordinal);
        // Deleting freed every version's bytes; the name starts again at version 1.
        Assert.Equal([1], again.Select(v => v.Version));
    }
}
