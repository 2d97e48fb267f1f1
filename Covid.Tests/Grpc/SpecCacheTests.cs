using System.Diagnostics.Metrics;
using Covid.Tests.Support;
using Covid.V1;
using State = Covid.V1.Analysis.Types.State;

namespace Covid.Tests.Grpc;

/// <summary>An identical spec over the same dataset version answered with the analysis that already ran it, on the real server.</summary>
public sealed class SpecCacheTests
{
    private static readonly (string, string)[] Principals = [("alice", "user"), ("bob", "user")];

    private static async Task<Analysis> RunAsync(AnalysisService.AnalysisServiceClient client, AnalysisSpec spec, CancellationToken ct, bool recompute = false)
    {
        var submitted = await client.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = spec, Recompute = recompute }, cancellationToken: ct);
        return await ServerCalls.WaitForAsync(client, submitted.Name, a => a.State is State.Succeeded or State.Failed or State.Cancelled, ct);
    }

    private static AnalysisSpec Spec(string dataset)
    {
        var spec = Specs.IssueExample(dataset);
        spec.Plot = null;
        return spec;
    }

    [Fact]
    public async Task Submit_IdenticalSpecAfterSuccess_TheEarlierAnalysisMarkedServedFromCache()
    {
        var ct = Timeouts.Token(90);
        await using var host = await ServerHost.StartAsync();
        await ServerCalls.UploadAsync(host.Datasets, "mine", await File.ReadAllBytesAsync(CdcFiles.Get(CdcFiles.CasesDeaths2020), ct), ct);
        var hits = new SpecHits();
        var first = await RunAsync(host.Analyses, Spec("mine"), ct);
        Assert.Equal(State.Succeeded, first.State);
        Assert.False(first.ServedFromCache);

        var again = await host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Spec("mine") }, cancellationToken: ct);

        Assert.Equal(first.Name, again.Name);
        Assert.Equal(State.Succeeded, again.State);
        Assert.True(again.ServedFromCache);
        Assert.True(hits.Count >= 1, "the hit is counted in covid.cache.lookups{covid.cache=spec}");
        // Only the submit's answer says so: the analysis itself is the one that ran.
        Assert.False((await host.Analyses.GetAnalysisAsync(new GetAnalysisRequest { Name = first.Name }, cancellationToken: ct)).ServedFromCache);
        var listed = await host.Analyses.ListAnalysesAsync(new ListAnalysesRequest(), cancellationToken: ct);
        Assert.Single(listed.Analyses, a => a.Spec.Dataset == "mine");
        var events = await ServerCalls.StreamAsync(host.Analyses, again.Name, ct);
        Assert.Equal(ProgressEvent.Types.Stage.Finished, events[^1].Stage);
        var result = await host.Analyses.GetResultAsync(new GetResultRequest { Name = again.Name }, cancellationToken: ct);
        Assert.Equal(first.ResultRowCount, result.RowCount);
    }

    [Fact]
    public async Task Submit_DifferentSpecRecomputeOrNewLoad_RunsAgain()
    {
        var ct = Timeouts.Token(120);
        await using var host = await ServerHost.StartAsync();
        var csv = await File.ReadAllBytesAsync(CdcFiles.Get(CdcFiles.CasesDeaths2020), ct);
        await ServerCalls.UploadAsync(host.Datasets, "mine", csv, ct);
        var first = await RunAsync(host.Analyses, Spec("mine"), ct);

        var other = Spec("mine");
        other.Limit = 3;
        var changed = await RunAsync(host.Analyses, other, ct);
        var recomputed = await RunAsync(host.Analyses, Spec("mine"), ct, recompute: true);
        // A new load of the dataset is other rows: nothing answered from the old one.
        await ServerCalls.UploadAsync(host.Datasets, "mine", csv, ct, replace: true);
        var reloaded = await RunAsync(host.Analyses, Spec("mine"), ct);

        Assert.All(new[] { changed, recomputed, reloaded }, a =>
        {
            Assert.NotEqual(first.Name, a.Name);
            Assert.False(a.ServedFromCache);
            Assert.Equal(State.Succeeded, a.State);
        });
        Assert.Equal(4, new[] { first.Name, changed.Name, recomputed.Name, reloaded.Name }.Distinct().Count());
    }

    [Fact]
    public async Task Submit_SameSpecByAnotherUser_TheirOwnAnalysis()
    {
        var ct = Timeouts.Token(90);
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Settings = TestCredentials.ApiKeys(Principals) });
        var alice = TestCredentials.Clients(host, "alice").Analyses;
        var bob = TestCredentials.Clients(host, "bob").Analyses;
        var hers = await RunAsync(alice, Spec(Specs.IssueExample().Dataset), ct);

        var his = await bob.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Spec(Specs.IssueExample().Dataset) }, cancellationToken: ct);

        Assert.NotEqual(hers.Name, his.Name);
        Assert.False(his.ServedFromCache);
        Assert.Equal("bob", his.Owner);
    }

    [Fact]
    public async Task Submit_CacheTurnedOff_EverySpecRuns()
    {
        var ct = Timeouts.Token(90);
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Settings = { ["Jobs:SpecCacheEntries"] = "0" } });
        var spec = Spec(Specs.IssueExample().Dataset);
        var first = await RunAsync(host.Analyses, spec, ct);

        var second = await host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = spec }, cancellationToken: ct);

        Assert.NotEqual(first.Name, second.Name);
        Assert.Equal(State.Queued, second.State);
    }

    /// <summary>Spec-cache hits counted by the server's meter from now on (any server in this process).</summary>
    private sealed class SpecHits : IDisposable
    {
        private readonly MeterListener listener = new();
        private long count;

        public SpecHits()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Covid.Server" && instrument.Name == "covid.cache.lookups")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                var spec = false;
                var hit = false;
                foreach (var tag in tags)
                {
                    spec |= tag.Key == "covid.cache" && Equals(tag.Value, "spec");
                    hit |= tag.Key == "covid.outcome" && Equals(tag.Value, "hit");
                }
                if (spec && hit)
                {
                    Interlocked.Add(ref count, value);
                }
            });
            listener.Start();
        }

        public long Count => Interlocked.Read(ref count);

        public void Dispose() => listener.Dispose();
    }
}
