using System.IO.Compression;
using System.Security.Cryptography;
using Covid.Tests.Support;
using Covid.V1;

namespace Covid.Tests.Grpc;

/// <summary>
/// The original of an upload is compressed after the answer (Covid.Server/Datasets/OriginalCompressor),
/// and at start for every version a stop or crash left plain; the compressed file always holds the uploaded bytes.
/// </summary>
public sealed class OriginalCompressorTests
{
    [Fact]
    public async Task Start_VersionLeftPlain_CompressedAtStartWithTheUploadedBytes()
    {
        var ct = Timeouts.Token(120);
        var content = File.ReadAllBytes(CdcFiles.Get(CdcFiles.CasesDeaths2020));
        var host = await ServerHost.StartAsync(new ServerHostOptions { Settings = { ["Data:OriginalCompression"] = "None" } });
        try
        {
            await ServerCalls.UploadAsync(host.Datasets, "plain", content, ct);
            var directory = Path.Combine(host.DataDirectory, "datasets", "plain", "v1");
            Assert.Equal(content, File.ReadAllBytes(Path.Combine(directory, "original.csv")));

            // As a stop before the compression leaves it (and as a server that now compresses finds one loaded plain).
            host = await host.RestartAsync(new ServerHostOptions { Settings = { ["Data:OriginalCompression"] = "Zstd" } });
            await WaitCompressedAsync(directory, ct);

            Assert.Equal(content, await DecompressAsync(Path.Combine(directory, "original.csv.zst"), ct));
            // Analyses read the Parquet copy, never the original.
            var submitted = await host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample("plain") }, cancellationToken: ct);
            var done = await ServerCalls.WaitForAsync(host.Analyses, submitted.Name, a => a.State is not (Analysis.Types.State.Queued or Analysis.Types.State.Running), ct);
            Assert.Equal(Analysis.Types.State.Succeeded, done.State);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Start_CrashAfterTheRename_PlainCopyAndTempRemovedCompressedKept()
    {
        var ct = Timeouts.Token(120);
        var content = File.ReadAllBytes(CdcFiles.Get(CdcFiles.CasesDeaths2020));
        var host = await ServerHost.StartAsync();
        try
        {
            await ServerCalls.UploadAsync(host.Datasets, "renamed", content, ct);
            var directory = Path.Combine(host.DataDirectory, "datasets", "renamed", "v1");
            await WaitCompressedAsync(directory, ct);
            var zst = Path.Combine(directory, "original.csv.zst");
            var before = SHA256.HashData(File.ReadAllBytes(zst));

            host = await host.RestartAsync(new ServerHostOptions
            {
                // Stopped, then the files a crash after the rename (and one mid-write before it) would leave.
                Customize = _ =>
                {
                    File.WriteAllBytes(Path.Combine(directory, "original.csv"), content);
                    File.WriteAllBytes(zst + ".tmp", [1, 2, 3]);
                },
            });
            await WaitCompressedAsync(directory, ct);

            Assert.False(File.Exists(zst + ".tmp"));
            Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(zst)));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Upload_Gzip_OriginalKeptAsGzipWithTheUploadedBytes()
    {
        var ct = Timeouts.Token(120);
        var content = File.ReadAllBytes(CdcFiles.Get(CdcFiles.CasesDeaths2020));
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Settings = { ["Data:OriginalCompression"] = "Gzip" } });

        await ServerCalls.UploadAsync(host.Datasets, "gzipped", content, ct);
        var directory = Path.Combine(host.DataDirectory, "datasets", "gzipped", "v1");
        await WaitCompressedAsync(directory, ct);

        Assert.Equal(["data.parquet", "dataset.json", "original.csv.gz"], Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        await using var gzip = new GZipStream(File.OpenRead(Path.Combine(directory, "original.csv.gz")), CompressionMode.Decompress);
        using var copy = new MemoryStream();
        await gzip.CopyToAsync(copy, ct);
        Assert.Equal(content, copy.ToArray());
    }

    /// <summary>Waits (within the test's token) until the version's plain original.csv has given way to a compressed one.</summary>
    internal static async Task WaitCompressedAsync(string versionDirectory, CancellationToken ct)
    {
        while (File.Exists(Path.Combine(versionDirectory, "original.csv"))
            || !(File.Exists(Path.Combine(versionDirectory, "original.csv.zst")) || File.Exists(Path.Combine(versionDirectory, "original.csv.gz"))))
        {
            await Task.Delay(20, ct);
        }
    }

    private static async Task<byte[]> DecompressAsync(string zst, CancellationToken ct)
    {
        await using var decompressed = new ZstdSharp.DecompressionStream(File.OpenRead(zst));
        using var copy = new MemoryStream();
        await decompressed.CopyToAsync(copy, ct);
        return copy.ToArray();
    }
}
