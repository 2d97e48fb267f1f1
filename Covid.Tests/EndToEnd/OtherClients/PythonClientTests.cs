using System.Text.Json;
using Covid.Tests.Support;
using Covid.Tests.Support.OtherClients;

namespace Covid.Tests.EndToEnd.OtherClients;

/// <summary>A Python client generated from protos/ with Debian's grpc_tools, run by /usr/bin/python3 against the running server.</summary>
public sealed class PythonClientTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture server;

    public PythonClientTests(ServerFixture server) => this.server = server;

    [SkippableFactIfClientsMissing]
    public async Task GeneratedStubs_SubmitFollowAndSavePlot_FinishWithEveryEventAndThePng()
    {
        using var work = new TempDirectory("covid-python-");
        await OtherClientTools.GeneratePythonStubsAsync(work.Path);
        var png = work.File("weekly.png");

        var run = (await ForeignProcess.RunAsync(OtherClientTools.Python,
            [OtherClientTools.Script("python-client.py"), new Uri(server.Address).Authority, ForeignRun.Spec, png],
            environment: new Dictionary<string, string> { ["PYTHONPATH"] = work.Path })).Succeeded();

        using var summary = JsonDocument.Parse(run.Output);
        var root = summary.RootElement;
        Assert.Equal("SUCCEEDED", root.GetProperty("state").GetString());
        Assert.Equal((1000, 600), (root.GetProperty("width").GetInt32(), root.GetProperty("height").GetInt32()));
        Assert.Equal(new FileInfo(png).Length, root.GetProperty("bytes").GetInt64());
        Assert.Contains("[finished] 100%", run.Error);
        await ForeignRun.AssertFinishedAsync(server.Host, root.GetProperty("name").GetString()!, root.GetProperty("events").GetInt32(), png);
    }
}
