extern alias cli;
using cli::Covid.Client;
using Covid.Tests.Support;
using Grpc.Core;

namespace Covid.Tests.Grpc.Sdk;

/// <summary>The SDK against faults the real server is made to show: refusals, slowness, a progress stream cut mid-way.</summary>
public sealed class SdkResilienceTests
{
    private static readonly CovidRetryOptions Quick = new() { MaxAttempts = 4, InitialBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(100) };

    [Fact]
    public async Task GetAsync_UnavailableTwice_RetriedAndAnswered()
    {
        var faults = new FaultInjection { Method = "/covid.v1.DatasetService/ListDatasets", RefuseFirst = 2 };
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Customize = faults.Customize });
        await using var client = new CovidClient(host.Address, new CovidClientOptions { Retry = Quick });

        var datasets = await client.ListDatasetsAsync(Timeouts.Token());

        Assert.NotEmpty(datasets);
        Assert.Equal(3, faults.Calls);
    }

    [Fact]
    public async Task DeleteDatasetAsync_Unavailable_NotRetried()
    {
        var faults = new FaultInjection { Method = "/covid.v1.DatasetService/DeleteDataset", RefuseFirst = 1 };
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Customize = faults.Customize });
        await using var client = new CovidClient(host.Address, new CovidClientOptions { Retry = Quick });

        var e = await Assert.ThrowsAsync<CovidException>(() => client.DeleteDatasetAsync("cdc-cases-deaths-by-state", Timeouts.Token()));

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Equal(1, faults.Calls);
    }

    [Fact]
    public async Task ListDatasetsAsync_SlowerThanTheDefaultDeadline_DeadlineExceeded()
    {
        var faults = new FaultInjection { Method = "/covid.v1.DatasetService/ListDatasets", Delay = TimeSpan.FromSeconds(20) };
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Customize = faults.Customize });
        await using var client = new CovidClient(host.Address, new CovidClientOptions { DefaultDeadline = TimeSpan.FromMilliseconds(300) });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<CovidException>(() => client.ListDatasetsAsync(Timeouts.Token()));

        Assert.Equal(StatusCode.DeadlineExceeded, e.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task ProgressAsync_ConnectionCutAfterTwoEvents_ResumesWithEveryEventOnceInOrder()
    {
        var faults = new FaultInjection { Method = "/covid.v1.AnalysisService/StreamProgress", DropStreamAfter = 2 };
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Customize = faults.Customize });
        await using var client = new CovidClient(host.Address, new CovidClientOptions { Retry = Quick });
        var analysis = await client.SubmitAsync(AnalysisSpec.FromJson(IssueExample.Json), cancellationToken: Timeouts.Token());
        await analysis.WaitAsync(Timeouts.Token());   // every event exists before the stream starts, so the cut falls mid-replay

        var seen = new List<long>();
        await foreach (var step in analysis.ProgressAsync(cancellationToken: Timeouts.Token()))
        {
            seen.Add(step.Sequence);
        }

        Assert.True(faults.Calls >= 3, $"{faults.Calls} stream calls");   // WaitAsync's, the cut one, the resumed one
        Assert.True(seen.Count >= 5, string.Join(",", seen));
        Assert.Equal(Enumerable.Range(1, seen.Count).Select(i => (long)i), seen);
    }

    [Fact]
    public async Task ProgressAsync_CutDuringALiveRun_EveryEventOnceAndTheEnd()
    {
        var gated = new GatedEngine(new Covid.SparkJob.Engine.EmbeddedEngine());
        var faults = new FaultInjection { Method = "/covid.v1.AnalysisService/StreamProgress", DropStreamAfter = 2 };
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Customize = b => { faults.Customize(b); gated.Customize(b); } });
        await using var client = new CovidClient(host.Address, new CovidClientOptions { Retry = Quick });
        var analysis = await client.SubmitAsync(AnalysisSpec.FromJson(IssueExample.Json), cancellationToken: Timeouts.Token());
        await gated.WaitEnteredAsync(Timeouts.Token());

        var seen = new List<Progress>();
        await foreach (var step in analysis.ProgressAsync(cancellationToken: Timeouts.Token()))
        {
            seen.Add(step);
            if (seen.Count == 2)
            {
                gated.Open();   // the rest happens live, after the cut
            }
        }

        Assert.Equal(Enumerable.Range(1, seen.Count).Select(i => (long)i), seen.Select(s => s.Sequence));
        Assert.Equal((ProgressStage.Finished, AnalysisState.Succeeded), (seen[^1].Stage, seen[^1].State));
        Assert.True(faults.Calls >= 2);
    }
}
