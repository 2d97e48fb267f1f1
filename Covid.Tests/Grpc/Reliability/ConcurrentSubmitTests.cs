using Covid.SparkJob.Engine;
using Covid.Tests.Support;
using Covid.V1;
using Grpc.Core;

namespace Covid.Tests.Grpc.Reliability;

/// <summary>
/// Submits save their QUEUED state outside the submit lock, in parallel: the limits and the
/// request_id still hold for submits that arrive together.
/// </summary>
public sealed class ConcurrentSubmitTests
{
    private const int Callers = 24;

    [Fact]
    public async Task ManySubmitsAtOnce_TheQuotaAdmitsExactlyItsNumber()
    {
        var ct = Timeouts.Token(120);
        var gated = new GatedEngine(new EmbeddedEngine());
        var settings = TestCredentials.ApiKeys(("alice", "user"));
        settings["Quotas:MaxActiveAnalyses"] = "5";
        settings["Jobs:MaxConcurrent"] = "1";
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Customize = gated.Customize, Settings = settings });
        var alice = TestCredentials.Clients(host, "alice").Analyses;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, Callers).Select(i => Outcome(() =>
            alice.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample(), Recompute = true, RequestId = $"quota-{i}" }, cancellationToken: ct).ResponseAsync)));
        var listed = await alice.ListAnalysesAsync(new ListAnalysesRequest(), cancellationToken: ct);
        gated.Open();

        Assert.Equal(5, outcomes.Count(o => o.Analysis is not null));
        Assert.All(outcomes.Where(o => o.Analysis is null), o => Assert.Equal(StatusCode.ResourceExhausted, o.Status));
        Assert.Equal(5, listed.Analyses.Count);
    }

    [Fact]
    public async Task ManySubmitsAtOnce_TheQueueLimitAdmitsNoMoreThanItHolds()
    {
        var ct = Timeouts.Token(120);
        var gated = new GatedEngine(new EmbeddedEngine());
        await using var host = await ServerHost.StartAsync(new ServerHostOptions
        {
            Customize = gated.Customize,
            Settings = new() { ["Jobs:QueueLimit"] = "4", ["Jobs:MaxConcurrent"] = "1" },
        });

        var outcomes = await Task.WhenAll(Enumerable.Range(0, Callers).Select(i => Outcome(() =>
            host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample(), Recompute = true, RequestId = $"queue-{i}" }, cancellationToken: ct).ResponseAsync)));
        gated.Open();

        // Four wait at most; the one worker may have taken one out of the queue meanwhile, making room for a fifth.
        var admitted = outcomes.Count(o => o.Analysis is not null);
        Assert.InRange(admitted, 4, 5);
        Assert.All(outcomes.Where(o => o.Analysis is null), o => Assert.Equal(StatusCode.ResourceExhausted, o.Status));
    }

    [Fact]
    public async Task OneRequestIdSentManyTimesAtOnce_MakesOneAnalysis()
    {
        var ct = Timeouts.Token(120);
        await using var host = await ServerHost.StartAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Outcome(() =>
            host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample(), Recompute = true, RequestId = "retried-at-once" }, cancellationToken: ct).ResponseAsync)));
        var listed = await host.Analyses.ListAnalysesAsync(new ListAnalysesRequest(), cancellationToken: ct);

        Assert.All(outcomes, o => Assert.Equal(StatusCode.OK, o.Status));
        Assert.Single(outcomes.Select(o => o.Analysis!.Name).Distinct());
        Assert.Single(listed.Analyses);
        await ServerCalls.WaitForAsync(host.Analyses, listed.Analyses[0].Name, a => a.State == Analysis.Types.State.Succeeded, ct);
    }

    private static async Task<(Analysis? Analysis, StatusCode Status)> Outcome(Func<Task<Analysis>> submit)
    {
        try
        {
            return (await submit(), StatusCode.OK);
        }
        catch (RpcException e)
        {
            return (null, e.StatusCode);
        }
    }
}
