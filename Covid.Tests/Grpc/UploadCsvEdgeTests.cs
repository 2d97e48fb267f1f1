using System.Text;
using Covid.Tests.Support;
using Covid.V1;
using Google.Rpc;
using Grpc.Core;

namespace Covid.Tests.Grpc;

/// <summary>
/// Uploads that used to end in UNKNOWN "Exception was thrown by handler." (issue 11, item 6): each
/// is INVALID_ARGUMENT on field chunk naming the line and what is wrong, with nothing left behind;
/// and what a good upload keeps on disk.
/// </summary>
public sealed class UploadCsvEdgeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerHost Host => fixture.Host;

    private static string[] RealLines() => File.ReadAllLines(CdcFiles.Get(CdcFiles.CasesDeaths2020));

    private static string Join(IEnumerable<string> lines) => string.Join("\n", lines) + "\n";

    [Fact]
    public async Task UploadDataset_RealExportWithOneCrlfLine_InvalidArgumentNamingTheLine()
    {
        var lines = RealLines();
        var text = Join(lines[..9_000]).TrimEnd('\n') + "\r\n" + Join(lines[9_000..]);

        var violation = await RejectedAsync("one-crlf", Encoding.UTF8.GetBytes(text));

        Assert.StartsWith("line 9000, ends with CRLF (\\r\\n) but the lines before it end with LF", violation);
    }

    [Fact]
    public async Task UploadDataset_300KbCell_InvalidArgumentNamingLineAndLimit()
    {
        var lines = RealLines();
        lines[2_000] = lines[2_000][..lines[2_000].LastIndexOf(',')] + "," + new string('y', 300 * 1024);

        var violation = await RejectedAsync("big-cell", Encoding.UTF8.GetBytes(Join(lines)));

        Assert.Equal("line 2001, column 15: has a cell longer than 65536 bytes, this server's limit (Data:MaxCsvCellBytes)", violation);
    }

    [Fact]
    public async Task UploadDataset_100kColumns_InvalidArgumentNamingLineAndLimit()
    {
        var lines = RealLines()[..100];
        lines[50] = string.Join(',', Enumerable.Repeat("0", 100_000));

        var violation = await RejectedAsync("wide", Encoding.UTF8.GetBytes(Join(lines)));

        Assert.Equal("line 51, has more columns than 1000, this server's limit (Data:MaxCsvColumns)", violation);
    }

    [Fact]
    public async Task UploadDataset_Latin1_InvalidArgumentNamingTheEncoding()
    {
        var lines = RealLines()[..500];
        lines[300] = lines[300][..lines[300].LastIndexOf(',')] + ",Ägree";

        var violation = await RejectedAsync("latin1", Encoding.Latin1.GetBytes(Join(lines)));

        Assert.StartsWith("line 301, is not UTF-8: byte C4 after", violation);
        Assert.Contains("Latin-1", violation);
    }

    [Fact]
    public async Task UploadDataset_Utf16_InvalidArgumentNamingTheEncoding()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Join(RealLines()[..100]))).ToArray();

        var violation = await RejectedAsync("utf16", bytes);

        Assert.StartsWith("line 1, the file is UTF-16 (little-endian)", violation);
    }

    [Fact]
    public async Task UploadDataset_UnterminatedQuote_InvalidArgumentNamingTheLine()
    {
        var lines = RealLines()[..300];
        lines[222] = lines[222][..lines[222].IndexOf(',')] + ",\"NY" + lines[222][(lines[222].IndexOf(',') + 3)..];

        var violation = await RejectedAsync("open-quote", Encoding.UTF8.GetBytes(Join(lines)));

        Assert.Equal("line 223, column 2: the quote that opens this cell is never closed (the file ends inside it)", violation);
    }

    [Fact]
    public async Task UploadDataset_BinaryJunk_InvalidArgumentNotText()
    {
        var junk = new byte[200_000];
        new Random(5).NextBytes(junk);

        var violation = await RejectedAsync("junk", junk);

        Assert.Matches("^line 1, (is not text|has a NUL byte|is not UTF-8)", violation);
    }

    [Fact]
    public async Task UploadDataset_BadHeader_RefusedWhileTheClientIsStillSending()
    {
        var ct = Timeouts.Token(60);
        using var call = Host.Datasets.UploadDataset(cancellationToken: ct);
        await call.RequestStream.WriteAsync(new UploadDatasetRequest { Header = new UploadHeader { Name = "early", Schema = "cdc-cases-deaths-by-state" } }, ct);
        await call.RequestStream.WriteAsync(new UploadDatasetRequest { Chunk = Google.Protobuf.ByteString.CopyFromUtf8("date,state\n") }, ct);

        // The stream is never completed: the answer comes from the first line alone.
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("line 1, header", error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Single().Description);
    }

    [Fact]
    public async Task UploadDataset_Valid_KeepsTheOriginalZstdCompressedAndNoPlainCopy()
    {
        var ct = Timeouts.Token();
        var content = File.ReadAllBytes(CdcFiles.Get(CdcFiles.CasesDeaths2020));

        var dataset = await ServerCalls.UploadAsync(Host.Datasets, "kept-compressed", content, ct);

        var directory = Path.Combine(Host.DataDirectory, "datasets", "kept-compressed", "v1");
        Assert.Equal(14_760, dataset.RowCount);
        // Compressed after the answer (OriginalCompressor): the plain original goes once the compressed one is in place.
        await OriginalCompressorTests.WaitCompressedAsync(directory, ct);
        Assert.Equal(["data.parquet", "dataset.json", "original.csv.zst"], Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var zst = Path.Combine(directory, "original.csv.zst");
        Assert.True(new FileInfo(zst).Length < content.Length / 4, $"{new FileInfo(zst).Length} bytes compressed of {content.Length}");
        await using var decompressed = new ZstdSharp.DecompressionStream(File.OpenRead(zst));
        using var copy = new MemoryStream();
        await decompressed.CopyToAsync(copy, ct);
        Assert.Equal(content, copy.ToArray());
    }

    /// <summary>The upload's one field violation (on chunk), after checking the status and that nothing was kept.</summary>
    private async Task<string> RejectedAsync(string name, byte[] content)
    {
        var ct = Timeouts.Token(60);
        var ex = await Assert.ThrowsAsync<RpcException>(() => ServerCalls.UploadAsync(Host.Datasets, name, content, ct));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        var violation = ex.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Single();
        Assert.Equal("chunk", violation.Field);
        Assert.False(Directory.Exists(Path.Combine(Host.DataDirectory, "datasets", name)));
        var staging = Path.Combine(Host.DataDirectory, "datasets", ".staging");
        // The staging directory is removed when the call ends; the answer can arrive a moment before.
        for (var i = 0; i < 100 && Directory.Exists(staging) && Directory.GetFileSystemEntries(staging).Length > 0; i++)
        {
            await Task.Delay(20, ct);
        }
        Assert.Empty(Directory.Exists(staging) ? Directory.GetFileSystemEntries(staging) : []);
        return violation.Description;
    }
}
