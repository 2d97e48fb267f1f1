using Covid.Server.Hosting;
using Covid.Server.Jobs;
using Covid.Server.Storage;
using Covid.SparkJob.Engine;
using Covid.Tests.Support;
using Covid.V1;
using Grpc.Core;
using State = Covid.V1.Analysis.Types.State;
using Stage = Covid.V1.ProgressEvent.Types.Stage;

namespace Covid.Tests.Grpc;

/// <summary>Cancel, restart and crash recovery, on the real server with the real embedded engine.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task CancelAnalysis_Running_EndsCancelledWithFinishedEvent()
    {
        var ct = Timeouts.Token();
        var gated = new GatedEngine(new EmbeddedEngine());
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Customize = gated.Customize });
        var submitted = await host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample() }, cancellationToken: ct);
        await gated.WaitEnteredAsync(ct);
        var running = await host.Analyses.GetAnalysisAsync(new GetAnalysisRequest { Name = submitted.Name }, cancellationToken: ct);
        Assert.Equal(State.Running, running.State);
        var stream = ServerCalls.StreamAsync(host.Analyses, submitted.Name, ct);

        var afterCancel = await host.Analyses.CancelAnalysisAsync(new CancelAnalysisRequest { Name = submitted.Name }, cancellationToken: ct);

        Assert.Contains(afterCancel.State, new[] { State.Running, State.Cancelled });
        var events = await stream;
        Assert.Equal((Stage.Finished, State.Cancelled), (events[^1].Stage, events[^1].State));
        var cancelled = await host.Analyses.GetAnalysisAsync(new GetAnalysisRequest { Name = submitted.Name }, cancellationToken: ct);
        Assert.Equal(State.Cancelled, cancelled.State);
        Assert.Equal("cancelled by request", cancelled.FailureReason);
        Assert.NotNull(cancelled.EndTime);
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            host.Analyses.GetResultAsync(new GetResultRequest { Name = submitted.Name }, cancellationToken: ct).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Contains("CANCELLED", ex.Status.Detail);
        gated.Open();
    }

    [Fact]
    public async Task CancelAnalysis_Queued_CancelledAtOnceAndNeverRuns()
    {
        var ct = Timeouts.Token();
        var gated = new GatedEngine(new EmbeddedEngine());
        await using var host = await ServerHost.StartAsync(new ServerHostOptions
        {
            Customize = gated.Customize,
            Settings = { ["Jobs:MaxConcurrent"] = "1" },
        });
        var first = await host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample() }, cancellationToken: ct);
        await gated.WaitEnteredAsync(ct);
        var second = await host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample() }, cancellationToken: ct);

        var cancelled = await host.Analyses.CancelAnalysisAsync(new CancelAnalysisRequest { Name = second.Name }, cancellationToken: ct);
        gated.Open();
        await ServerCalls.StreamAsync(host.Analyses, first.Name, ct);

        Assert.Equal(State.Cancelled, cancelled.State);
        Assert.Equal(1, gated.Runs);
        var again = await host.Analyses.CancelAnalysisAsync(new CancelAnalysisRequest { Name = first.Name }, cancellationToken: ct);
        Assert.Equal(State.Succeeded, again.State);
    }

    [Fact]
    public async Task Restart_SameDataDirectory_KeepsFinishedAnalysisResultAndPlot()
    {
        var ct = Timeouts.Token(60);
        var host = await ServerHost.StartAsync();
        try
        {
            var submitted = await host.Analyses.SubmitAnalysisAsync(
                new SubmitAnalysisRequest { Spec = Specs.IssueExample(), RequestId = "restart-1" }, cancellationToken: ct);
            var events = await ServerCalls.StreamAsync(host.Analyses, submitted.Name, ct);
            var before = await host.Analyses.GetAnalysisAsync(new GetAnalysisRequest { Name = submitted.Name }, cancellationToken: ct);
            var result = await host.Analyses.GetResultAsync(new GetResultRequest { Name = submitted.Name }, cancellationToken: ct);
            var (_, png) = await ServerCalls.PlotAsync(host.Analyses, submitted.Name, ct);

            host = await host.RestartAsync();

            var after = await host.Analyses.GetAnalysisAsync(new GetAnalysisRequest { Name = submitted.Name }, cancellationToken: ct);
            Assert.Equal(before, after);
            Assert.Equal(result, await host.Analyses.GetResultAsync(new GetResultRequest { Name = submitted.Name }, cancellationToken: ct));
            Assert.Equal(png, (await ServerCalls.PlotAsync(host.Analyses, submitted.Name, ct)).Png);
            Assert.Equal(events, await ServerCalls.StreamAsync(host.Analyses, submitted.Name, ct));
            Assert.Equal(events.Skip(3), await ServerCalls.StreamAsync(host.Analyses, submitted.Name, ct, afterSequence: 3));
            var retried = await host.Analyses.SubmitAnalysisAsync(
                new SubmitAnalysisRequest { Spec = Specs.IssueExample(), RequestId = "restart-1" }, cancellationToken: ct);
            Assert.Equal(submitted.Name, retried.Name);
            var list = await host.Analyses.ListAnalysesAsync(new ListAnalysesRequest(), cancellationToken: ct);
            Assert.Equal([submitted.Name], list.Analyses.Select(a => a.Name));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
