using Covid.Tests.Support;
using Covid.Tests.Support.OtherClients;

namespace Covid.Tests.EndToEnd.OtherClients;

/// <summary>
/// README's Python and Node examples ("Other languages") run as written against the real server,
/// only the address and the PNG's path swapped: each follows the analysis to FINISHED and saves the chart.
/// </summary>
public sealed class ReadmeSnippetsTests(ServerFixture server) : IClassFixture<ServerFixture>, IDisposable
{
    private readonly TempDirectory work = new("covid-readme-snippets-");

    public void Dispose() => work.Dispose();

    [SkippableFactIfClientsMissing]
    public async Task Python_GeneratedStubs_FollowsToFinishedAndSavesThePng()
    {
        await OtherClientTools.GeneratePythonStubsAsync(work.Path);
        var script = work.File("readme.py");
        await File.WriteAllTextAsync(script, Snippet("python"));

        var run = (await ForeignProcess.RunAsync(OtherClientTools.Python, [script],
            environment: new Dictionary<string, string> { ["PYTHONPATH"] = work.Path })).Succeeded();

        Assert.Matches(@"^QUEUED 0% ", run.Output);
        Assert.EndsWith("FINISHED 100% succeeded with 116 rows\n", run.Output);
        PngAssert.Picture(await File.ReadAllBytesAsync(work.File("weekly.png")), 1000, 600);
    }

    [SkippableFactIfClientsMissing]
    public async Task Node_ProtoLoader_FollowsToFinishedAndSavesThePng()
    {
        // ES modules resolve packages from the script's own directory.
        Directory.CreateSymbolicLink(work.File("node_modules"), Path.Combine(OtherClientTools.Directory, "node_modules"));
        var script = work.File("readme.mjs");
        await File.WriteAllTextAsync(script, Snippet("javascript"));

        var run = (await ForeignProcess.RunAsync("node", [script])).Succeeded();

        Assert.Matches(@"^QUEUED 0% ", run.Output);
        Assert.EndsWith("FINISHED 100% succeeded with 116 rows\n", run.Output);
        PngAssert.Picture(await File.ReadAllBytesAsync(work.File("weekly.png")), 1000, 600);
    }

    private string Snippet(string language) =>
        Assert.Single(ReadmeDocument.FencedBlocks(ReadmeDocument.Load().Section("Other languages"), language))
            .Replace("127.0.0.1:5000", new Uri(server.Address).Authority, StringComparison.Ordinal)
            .Replace("\"weekly.png\"", "\"" + work.File("weekly.png") + "\"", StringComparison.Ordinal);
}
