using Covid.SparkJob.Samples;
using Covid.Tests.Support;

namespace Covid.Tests.Grpc.Versions;

/// <summary>
/// The seed is a load like any other: pointing Data:Seed at a newer export adds the next version
/// at start, and starting again with the same file adds nothing.
/// </summary>
public sealed class SeedVersionTests
{
    [Fact]
    public async Task Seed_NewerExportAtRestart_IsTheNextVersion_SameFileAgainAddsNothing()
    {
        var ct = Timeouts.Token(180);
        using var dir = new TempDirectory("covid-seed-");
        const string name = CasesDeathsSample.SchemaName;

        await using (var first = await ServerHost.StartAsync(new ServerHostOptions { DataDirectory = dir.Path, Seed = Vintages.Early }))
        {
            Assert.Equal([1], (await Vintages.VersionsAsync(first.Datasets, name, ct)).Select(v => v.Version));
        }
        // Loads the newer export at start.
        await (await ServerHost.StartAsync(new ServerHostOptions { DataDirectory = dir.Path, Seed = Vintages.Late })).DisposeAsync();
        await using var again = await ServerHost.StartAsync(new ServerHostOptions { DataDirectory = dir.Path, Seed = Vintages.Late });
        var versions = await Vintages.VersionsAsync(again.Datasets, name, ct);

        Assert.Equal([2, 1], versions.Select(v => v.Version));
        Assert.Equal(
            [("file:" + Path.GetFileName(Vintages.Late), Vintages.Sha256(Vintages.Late), "2021-05-31"), ("file:" + Path.GetFileName(Vintages.Early), Vintages.Sha256(Vintages.Early), "2020-09-24")],
            versions.Select(v => (v.Source, v.Sha256, v.DataAsOf)));
        Assert.All(versions, v => Assert.False(v.Synthetic));
    }
}
