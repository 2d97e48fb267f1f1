using Covid.Tests.Support;
using Covid.V1;
using Google.Protobuf;
using Grpc.Core;
using State = Covid.V1.Analysis.Types.State;

namespace Covid.Tests.EndToEnd;

/// <summary>
/// The real server process killed with SIGKILL while it loads a new version of a dataset, then
/// started again over the same data directory: the killed load added nothing, and the version
/// acknowledged before it is still there, whole, and reads as before. (Issue 11: a replace used to
/// move the acknowledged dataset into staging before moving the new one in, and start-up deleted
/// staging — a kill between the two renames lost both.)
/// </summary>
public sealed class VersionCrashTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Upload_ServerKilledMidway_AddsNoVersion(bool afterTheLastChunk)
    {
        var ct = Timeouts.Token(240);
        using var dir = new TempDirectory("covid-crash-");
        await using (var first = await ServerProcess.StartAsync(dir.Path, ct))
        {
            await Vintages.LoadAsync(first.Datasets, Vintages.Early, Vintages.Name, ct);
            var late = await File.ReadAllBytesAsync(Vintages.Late, ct);
            using var call = first.Datasets.UploadDataset(cancellationToken: ct);
            await call.RequestStream.WriteAsync(new UploadDatasetRequest
            {
                Header = new UploadHeader { Name = Vintages.Name, Schema = "cdc-cases-deaths-by-state", FileName = "late.csv", Replace = true },
            }, ct);
            // Half the file, or all of it (the server is then validating and converting it).
            var end = afterTheLastChunk ? late.Length : late.Length / 2;
            for (var offset = 0; offset < end; offset += 64 * 1024)
            {
                await call.RequestStream.WriteAsync(new UploadDatasetRequest { Chunk = ByteString.CopyFrom(late, offset, Math.Min(64 * 1024, end - offset)) }, ct);
            }
            if (afterTheLastChunk)
            {
                await call.RequestStream.CompleteAsync();
            }
            first.Kill();
            await first.WaitForExitAsync(ct);
            await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        }

        await using var second = await ServerProcess.StartAsync(dir.Path, ct);
        var versions = await Vintages.VersionsAsync(second.Datasets, Vintages.Name, ct);
        var reloaded = await Vintages.LoadAsync(second.Datasets, Vintages.Late, Vintages.Name, ct);

        Assert.Equal([1], versions.Select(v => v.Version));
        Assert.Equal(Vintages.Sha256(Vintages.Early), versions[0].Sha256);
        Assert.Equal(2, reloaded.Version);
        Assert.Empty(Leftovers(dir.Path));
    }

    /// <summary>
    /// strace kills the server at the Nth rename(2) it makes, before the call runs. A server
    /// started over an existing data directory renames nothing until the load publishes, which
    /// renames three times, on one thread (Data:KeepVersions 1): 1 dataset.json into the staging
    /// directory, 2 the staging directory to v2 (the publish), 3 v1 into the trash (the pruning).
    /// A kill at 1 or 2 leaves version 1 alone; at 3, version 2 is published and version 1 is
    /// still there, whole. Nothing acknowledged is ever moved aside, so no kill loses it.
    /// </summary>
    [TheoryIfStrace]
    [InlineData(1, new[] { 1 })]
    [InlineData(2, new[] { 1 })]
    [InlineData(3, new[] { 2, 1 })]
    public async Task NewVersion_KilledAtEachRenameOfThePublish_TheAcknowledgedVersionSurvives(int rename, int[] survivors)
    {
        var ct = Timeouts.Token(240);
        using var dir = new TempDirectory("covid-crash-");
        string[] keepOne = ["Data:KeepVersions=1"];
        await using (var first = await ServerProcess.StartAsync(dir.Path, ct, settings: keepOne))
        {
            await Vintages.LoadAsync(first.Datasets, Vintages.Early, Vintages.Name, ct);
        }
        // No --seccomp-bpf: with it, strace 6.1 injects at the first matching call only, whatever when= says.
        string[] strace =
        [
            "strace", "-f", "-qq", "-o", "/dev/null", "-e", "trace=rename,renameat,renameat2",
            "-e", $"inject=rename,renameat,renameat2:signal=KILL:when={rename}",
        ];
        await using (var traced = await ServerProcess.StartAsync(dir.Path, ct, strace, keepOne))
        {
            // Killed at that rename, before the load was acknowledged.
            await Assert.ThrowsAsync<RpcException>(() => Vintages.LoadAsync(traced.Datasets, Vintages.Late, Vintages.Name, ct));
            await traced.WaitForExitAsync(ct);
        }

        await using var after = await ServerProcess.StartAsync(dir.Path, ct, settings: keepOne);
        var listed = await after.Datasets.ListDatasetsAsync(new ListDatasetsRequest(), cancellationToken: ct);
        var versions = await Vintages.VersionsAsync(after.Datasets, Vintages.Name, ct);

        Assert.Contains(listed.Datasets, d => d.Name == Vintages.Name);
        Assert.Equal(survivors, versions.Select(v => v.Version));
        Assert.Equal(Vintages.Sha256(Vintages.Early), versions.Single(v => v.Version == 1).Sha256);
        Assert.All(versions.Where(v => v.Version == 2), v => Assert.Equal(Vintages.Sha256(Vintages.Late), v.Sha256));
        foreach (var version in versions)
        {
            var spec = Vintages.WeeklyByState();
            spec.Version = version.Version;
            var (analysis, result) = await Vintages.RunAsync(after.Analyses, spec, ct);
            Assert.Equal(State.Succeeded, analysis.State);
            Assert.Equal(version.Version == 1 ? "2020-09-21" : "2021-05-24", result.Columns.Single(c => c.Name == "period").StringValues.Max());
        }
        Assert.Empty(Leftovers(dir.Path));
    }

    /// <summary>What start-up must have cleaned: staging and trash entries.</summary>
    private static IEnumerable<string> Leftovers(string dataDirectory) =>
        new[] { ".staging", ".trash" }.Select(d => Path.Combine(dataDirectory, "datasets", d))
            .Where(Directory.Exists).SelectMany(Directory.EnumerateFileSystemEntries);
}
