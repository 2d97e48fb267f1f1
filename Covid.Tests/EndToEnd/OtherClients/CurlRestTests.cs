using Covid.Tests.Support;
using Covid.Tests.Support.OtherClients;

namespace Covid.Tests.EndToEnd.OtherClients;

/// <summary>
/// curl over the REST surface, as the README shows it: HTTP/1.1 on the Rest:Http1Urls port and
/// HTTP/2 (prior knowledge) on the gRPC port, submitting, following the progress stream to its end
/// and saving GET /v1/analyses/{id}/plot.png.
/// </summary>
public sealed class CurlRestTests : IAsyncLifetime
{
    private ServerHost? host;

    private ServerHost Host => host!;

    public async Task InitializeAsync() => host = await ServerHost.StartAsync(new ServerHostOptions { Http1 = true });

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [SkippableFactIfClientsMissing]
    public Task Http1_SubmitFollowAndSavePlot_FinishWithEveryEventAndThePng() =>
        RunAsync(Host.Http1Address!, [], "1.1");

    [SkippableFactIfClientsMissing]
    public Task Http2PriorKnowledge_SubmitFollowAndSavePlot_FinishWithEveryEventAndThePng() =>
        RunAsync(Host.Address, ["--http2-prior-knowledge"], "2");

    [SkippableFactIfClientsMissing]
    public async Task Http1_BadSpec_Http400WithTheFieldViolation()
    {
        var bad = """{"dataset": "cdc-cases-deaths-by-state", "metrics": [{"name": "cases", "aggregation": "SUM", "field": "new_cases"}]}""";

        var run = (await Curl(["-w", "\n%{http_code}", "--json", "@-", $"{Host.Http1Address}/v1/analyses"], bad)).Succeeded();

        var (body, code) = (run.Output[..run.Output.LastIndexOf('\n')], run.Output[(run.Output.LastIndexOf('\n') + 1)..]);
        Assert.Equal("400", code);
        var status = JsonValues.Parse(body).Single();
        Assert.Equal(3, status.GetProperty("code").GetInt32());
        var violation = status.GetProperty("details")[0].GetProperty("fieldViolations")[0];
        Assert.Equal("spec.metrics[0].field", violation.GetProperty("field").GetString());
    }

    private async Task RunAsync(string address, string[] http, string version)
    {
        using var work = new TempDirectory("covid-curl-");
        var submitted = (await Curl([.. http, "--json", $"@{ForeignRun.Spec}", $"{address}/v1/analyses?requestId=curl-{version}"])).Succeeded();
        var name = JsonValues.Parse(submitted.Output).Single().GetProperty("name").GetString()!;

        var progress = (await Curl([.. http, "-N", $"{address}/v1/{name}:progress"])).Succeeded();
        var png = work.File("weekly.png");
        var plot = (await Curl([.. http, "-o", png, "-w", "%{http_code} %{content_type} %{http_version}", $"{address}/v1/{name}/plot.png"])).Succeeded();

        var events = JsonValues.Parse(progress.Output);
        Assert.Equal("FINISHED", events[^1].GetProperty("stage").GetString());
        Assert.Equal("SUCCEEDED", events[^1].GetProperty("state").GetString());
        Assert.Equal($"200 image/png {version}", plot.Output.Trim());
        await ForeignRun.AssertFinishedAsync(Host, name, events.Count, png);
    }

    private static Task<ForeignProcess.Outcome> Curl(string[] args, string? input = null) =>
        ForeignProcess.RunAsync("curl", ["-sS", "--max-time", "60", .. args], input);
}
