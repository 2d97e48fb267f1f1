using Covid.SparkJob.Engine;
using Covid.Tests.Support;
using Covid.V1;
using Grpc.Core;
using State = Covid.V1.Analysis.Types.State;

namespace Covid.Tests.Grpc;

/// <summary>Jobs:MaxConcurrent and Jobs:QueueLimit, observed through the API.</summary>
public sealed class QueueTests
{
    [Fact]
    public async Task SubmitAnalysis_QueueFull_ResourceExhaustedAndQueuedOnesStillRun()
    {
        var ct = Timeouts.Token(60);
        var gated = new GatedEngine(new EmbeddedEngine());
        await using var host = await ServerHost.StartAsync(new ServerHostOptions
        {
            Customize = gated.Customize,
            Settings = { ["Jobs:MaxConcurrent"] = "1", ["Jobs:QueueLimit"] = "1" },
        });
        var running = await host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample() }, cancellationToken: ct);
        await gated.WaitEnteredAsync(ct);
        var queued = await host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample() }, cancellationToken: ct);

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample() }, cancellationToken: ct).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Equal(State.Queued, (await host.Analyses.GetAnalysisAsync(new GetAnalysisRequest { Name = queued.Name }, cancellationToken: ct)).State);
        Assert.Equal(State.Running, (await host.Analyses.GetAnalysisAsync(new GetAnalysisRequest { Name = running.Name }, cancellationToken: ct)).State);
        Assert.Equal(1, gated.Runs);
        var early = await Assert.ThrowsAsync<RpcException>(() =>
            host.Analyses.GetResultAsync(new GetResultRequest { Name = running.Name }, cancellationToken: ct).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);
        Assert.Contains("RUNNING", early.Status.Detail);
        gated.Open();
        var last = await ServerCalls.StreamAsync(host.Analyses, queued.Name, ct);
        Assert.Equal(State.Succeeded, last[^1].State);
        Assert.Equal(2, gated.Runs);
        var list = await host.Analyses.ListAnalysesAsync(new ListAnalysesRequest(), cancellationToken: ct);
        Assert.Equal(2, list.Analyses.Count);
    }
}
