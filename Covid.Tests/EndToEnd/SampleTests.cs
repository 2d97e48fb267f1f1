using Covid.Tests.Support;
using Covid.Tests.Support.OtherClients;

namespace Covid.Tests.EndToEnd;

/// <summary>The SDK sample (Covid.Client/samples/Quickstart, the README's "SDK in 20 lines") run as a program against the real server.</summary>
public sealed class SampleTests : IClassFixture<ServerFixture>
{
    private readonly ServerFixture server;

    public SampleTests(ServerFixture server) => this.server = server;

    [Fact]
    public async Task Quickstart_AgainstTheServer_PrintsTheCsvAndSavesTheChart()
    {
        using var work = new TempDirectory("covid-sample-");
        var sample = Path.Combine(CdcFiles.RepoRoot, "Covid.Client", "samples", "Quickstart", "bin",
            new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "Quickstart.dll");

        var run = (await ForeignProcess.RunAsync("dotnet", [sample, work.File("weekly.png")],
            environment: new Dictionary<string, string> { ["COVID_SERVER"] = server.Address })).Succeeded();

        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("period,state,cases,deaths,cfr", lines[0]);
        Assert.Equal(1 + 29 * 4, lines.Length);   // 29 ISO weeks × NY, NYC, NJ, CA
        Assert.Contains("[Finished] 100", run.Error);
        Assert.Matches(@"most cases in a week: \d+ \((CA|NY|NYC|NJ), week of 2020-\d\d-\d\d\)", run.Error);
        PngAssert.Picture(await File.ReadAllBytesAsync(work.File("weekly.png")), 1000, 600);
    }
}
