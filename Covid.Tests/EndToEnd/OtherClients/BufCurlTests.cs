using Covid.Tests.Support;
using Covid.Tests.Support.OtherClients;

namespace Covid.Tests.EndToEnd.OtherClients;

/// <summary>`buf curl` (npm @bufbuild/buf) with no proto files: everything it knows comes from server reflection.</summary>
public sealed class BufCurlTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture server;

    public BufCurlTests(ServerFixture server) => this.server = server;

    [SkippableFactIfClientsMissing]
    public async Task Reflection_ListMethods_NamesEveryRpc()
    {
        var run = (await Buf("--list-methods", server.Address)).Succeeded();

        var methods = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var rpcs = new[] { Covid.V1.AnalysisService.Descriptor, Covid.V1.DatasetService.Descriptor }.SelectMany(s => s.Methods.Select(m => m.FullName.Replace($".{m.Name}", $"/{m.Name}")));
        Assert.All(rpcs, rpc => Assert.Contains(rpc, methods));
    }

    [SkippableFactIfClientsMissing]
    public async Task Reflection_SubmitFollowAndSavePlot_FinishWithEveryEventAndThePng()
    {
        using var work = new TempDirectory("covid-buf-");
        var spec = await File.ReadAllTextAsync(ForeignRun.Spec);

        var submitted = (await Buf(["-d", "@-", Method("AnalysisService/SubmitAnalysis")], $"{{\"spec\": {spec}, \"requestId\": \"buf-curl\"}}")).Succeeded();
        var name = JsonValues.Parse(submitted.Output).Single().GetProperty("name").GetString()!;
        var progress = (await Buf("-d", $"{{\"name\": \"{name}\"}}", Method("AnalysisService/StreamProgress"))).Succeeded();
        var plot = (await Buf("-d", $"{{\"name\": \"{name}\"}}", Method("AnalysisService/GetPlot"))).Succeeded();

        var events = JsonValues.Parse(progress.Output);
        Assert.Equal("FINISHED", events[^1].GetProperty("stage").GetString());
        Assert.Equal("SUCCEEDED", events[^1].GetProperty("state").GetString());
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => i.ToString()), events.Select(e => e.GetProperty("sequence").GetRawText().Trim('"')));
        var chunks = JsonValues.Parse(plot.Output);
        Assert.Equal("image/png", chunks[0].GetProperty("contentType").GetString());
        Assert.Equal(1000, chunks[0].GetProperty("width").GetInt32());
        var png = work.File("weekly.png");
        await File.WriteAllBytesAsync(png, chunks.SelectMany(c => Convert.FromBase64String(c.GetProperty("data").GetString()!)).ToArray());
        await ForeignRun.AssertFinishedAsync(server.Host, name, events.Count, png);
    }

    private string Method(string method) => $"{server.Address}/covid.v1.{method}";

    private static Task<ForeignProcess.Outcome> Buf(params string[] args) => Buf(args, null);

    private static Task<ForeignProcess.Outcome> Buf(string[] args, string? input) =>
        ForeignProcess.RunAsync(OtherClientTools.Buf, ["curl", "--protocol", "grpc", "--http2-prior-knowledge", .. args], input);
}
