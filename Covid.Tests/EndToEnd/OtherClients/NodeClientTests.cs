using System.Text.Json;
using Covid.Tests.Support;
using Covid.Tests.Support.OtherClients;

namespace Covid.Tests.EndToEnd.OtherClients;

/// <summary>A Node client on @grpc/grpc-js with @grpc/proto-loader reading protos/ at run time, against the running server.</summary>
public sealed class NodeClientTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture server;

    public NodeClientTests(ServerFixture server) => this.server = server;

    [SkippableFactIfClientsMissing]
    public async Task ProtoLoader_SubmitFollowAndSavePlot_FinishWithEveryEventAndThePng()
    {
        using var work = new TempDirectory("covid-node-");
        var png = work.File("weekly.png");

        var run = (await ForeignProcess.RunAsync("node",
            [OtherClientTools.Script("node-client.mjs"), new Uri(server.Address).Authority, ForeignRun.Spec, png])).Succeeded();

        using var summary = JsonDocument.Parse(run.Output);
        var root = summary.RootElement;
        Assert.Equal("SUCCEEDED", root.GetProperty("state").GetString());
        Assert.Equal((1000, 600), (root.GetProperty("width").GetInt32(), root.GetProperty("height").GetInt32()));
        Assert.Equal(new FileInfo(png).Length, root.GetProperty("bytes").GetInt64());
        Assert.Contains("[finished] 100%", run.Error);
        await ForeignRun.AssertFinishedAsync(server.Host, root.GetProperty("name").GetString()!, root.GetProperty("events").GetInt32(), png);
    }
}
