using Covid.SparkJob.Engine;
using Covid.Tests.Support;
using Covid.V1;
using Grpc.Core;
using State = Covid.V1.Analysis.Types.State;
using Stage = Covid.V1.ProgressEvent.Types.Stage;

namespace Covid.Tests.Grpc.Reliability;

/// <summary>
/// SIGTERM (the host's stop, which is what ConsoleLifetime does on the signal): no new work, the
/// running analysis finishes within Jobs:ShutdownGracePeriod or is left for the next start, queued
/// ones stay QUEUED, and followers' streams end with UNAVAILABLE instead of holding the shutdown.
/// </summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Stop_RunningFinishesInGrace_QueuedStaysQueuedAndFollowersEnd()
    {
        var ct = Timeouts.Token(120);
        var gated = new GatedEngine(new EmbeddedEngine());
        var host = await ServerHost.StartAsync(new ServerHostOptions
        {
            Customize = gated.Customize,
            Settings = { ["Jobs:MaxConcurrent"] = "1", ["Jobs:ShutdownGracePeriod"] = "00:01:00" },
        });
        try
        {
            var running = await host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample() }, cancellationToken: ct);
            await gated.WaitEnteredAsync(ct);
            var queued = await host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample() }, cancellationToken: ct);
            var runningStream = ServerCalls.StreamAsync(host.Analyses, running.Name, ct);
            var queuedStream = ServerCalls.StreamAsync(host.Analyses, queued.Name, ct);

            var stopping = host.App.StopAsync(ct);
            var refused = await Assert.ThrowsAsync<RpcException>(() =>
                host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample() }, cancellationToken: ct).ResponseAsync);
            gated.Open();
            var events = await runningStream;
            var cut = await Assert.ThrowsAsync<RpcException>(() => queuedStream);
            await stopping;

            Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
            Assert.Contains("shutting down", refused.Status.Detail, StringComparison.Ordinal);
            Assert.Equal((Stage.Finished, State.Succeeded), (events[^1].Stage, events[^1].State));
            Assert.Equal(StatusCode.Unavailable, cut.StatusCode);
            Assert.Contains("after_sequence", cut.Status.Detail, StringComparison.Ordinal);
            Assert.Equal(1, gated.Runs);

            host = await host.RestartAsync();
            var after = await ServerCalls.WaitForAsync(host.Analyses, queued.Name, a => a.State is State.Succeeded or State.Failed, ct);
            Assert.Equal(State.Succeeded, after.State);
            Assert.Equal(2, gated.Runs);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Stop_RunningPastGrace_IsStoppedLeftRunningAndRunsAgainAtTheNextStart()
    {
        var ct = Timeouts.Token(120);
        var gated = new GatedEngine(new EmbeddedEngine());
        var host = await ServerHost.StartAsync(new ServerHostOptions
        {
            Customize = gated.Customize,
            Settings = { ["Jobs:ShutdownGracePeriod"] = "00:00:01" },
        });
        try
        {
            var submitted = await host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample() }, cancellationToken: ct);
            await gated.WaitEnteredAsync(ct);
            var stream = ServerCalls.StreamAsync(host.Analyses, submitted.Name, ct);

            var stopped = System.Diagnostics.Stopwatch.StartNew();
            await host.App.StopAsync(ct);
            stopped.Stop();
            var cut = await Assert.ThrowsAsync<RpcException>(() => stream);
            var stored = Google.Protobuf.JsonParser.Default.Parse<Analysis>(File.ReadAllText(Path.Combine(host.DataDirectory, submitted.Name, "analysis.json")));
            var id = submitted.Name["analyses/".Length..];

            Assert.Equal(StatusCode.Unavailable, cut.StatusCode);
            // Left RUNNING: stored as its active marker's name, beside the QUEUED analysis.json.
            Assert.Equal(State.Queued, stored.State);
            Assert.True(File.Exists(Path.Combine(host.DataDirectory, "analyses", ".active", id + ".running")), "no RUNNING marker");
            Assert.True(stopped.Elapsed < TimeSpan.FromSeconds(20), $"the stop took {stopped.Elapsed}");
            gated.Open();
            host = await host.RestartAsync();
            var after = await ServerCalls.WaitForAsync(host.Analyses, submitted.Name, a => a.State is State.Succeeded or State.Failed, ct);
            var events = await ServerCalls.StreamAsync(host.Analyses, submitted.Name, ct);
            Assert.Equal(State.Succeeded, after.State);
            Assert.Contains(events, e => e.Message.Contains("stopped while this analysis was running; it runs again from the start", StringComparison.Ordinal));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
