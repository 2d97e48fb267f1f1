using System.Text;
using Covid.Tests.Support;
using Covid.V1;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;

namespace Covid.Tests.Grpc;

/// <summary>UploadDataset with broken input: a clear error naming the line, and nothing left behind.</summary>
public sealed class UploadTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerHost Host => fixture.Host;

    private static string[] RealLines() => File.ReadAllLines(CdcFiles.Get(CdcFiles.CasesDeaths2020));

    private static byte[] Join(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

    [Fact]
    public async Task UploadDataset_WrongHeader_InvalidArgumentOnLine1AndNothingLeft()
    {
        var lines = RealLines();
        lines[0] = lines[0].Replace("new_case", "new_cases");

        await AssertRejectedAsync("wrong-header", Join(lines), "line 1");
    }

    [Fact]
    public async Task UploadDataset_BadDate_InvalidArgumentNamingTheLine()
    {
        var lines = RealLines();
        lines[4_999] = "2020-06-31" + lines[4_999][lines[4_999].IndexOf(',')..];

        await AssertRejectedAsync("bad-date", Join(lines), "line 5000");
    }

    [Fact]
    public async Task UploadDataset_NonNumericCount_InvalidArgumentNamingTheLine()
    {
        var lines = RealLines();
        var cells = lines[12_345].Split(',');
        cells[5] = "twelve";
        lines[12_345] = string.Join(",", cells);

        await AssertRejectedAsync("bad-count", Join(lines), "line 12346");
    }

    [Fact]
    public async Task UploadDataset_ClientCancelsMidStream_StagingRemovedAndRegistryUnchanged()
    {
        var ct = Timeouts.Token();
        var before = await ListAsync(ct);
        var content = File.ReadAllBytes(CdcFiles.Get(CdcFiles.CasesDeaths2020));
        using var cut = new CancellationTokenSource();
        using var call = Host.Datasets.UploadDataset(cancellationToken: cut.Token);
        await call.RequestStream.WriteAsync(new UploadDatasetRequest { Header = new UploadHeader { Name = "cut-short", Schema = "cdc-cases-deaths-by-state" } }, ct);
        await call.RequestStream.WriteAsync(new UploadDatasetRequest { Chunk = ByteString.CopyFrom(content, 0, 300_000) }, ct);
        await WaitForAsync(() => StagingEntries().Length == 1, ct);

        cut.Cancel();

        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        await WaitForAsync(() => StagingEntries().Length == 0, ct);
        Assert.Equal(before, await ListAsync(ct));
        Assert.False(Directory.Exists(Path.Combine(Host.DataDirectory, "datasets", "cut-short")));
    }

    [Fact]
    public async Task UploadDataset_ExistingNameWithoutReplace_AlreadyExists()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            ServerCalls.UploadAsync(Host.Datasets, "cdc-cases-deaths-by-state", Join(RealLines().Take(10)), Timeouts.Token()));

        Assert.Equal(StatusCode.AlreadyExists, ex.StatusCode);
    }

    [Fact]
    public async Task UploadDataset_Replace_SwapsContentAtomically()
    {
        var ct = Timeouts.Token();
        var lines = RealLines();
        await ServerCalls.UploadAsync(Host.Datasets, "replace-me", Join(lines.Take(101)), ct);

        using var call = Host.Datasets.UploadDataset(cancellationToken: ct);
        await call.RequestStream.WriteAsync(new UploadDatasetRequest { Header = new UploadHeader { Name = "replace-me", Schema = "cdc-cases-deaths-by-state", Replace = true } }, ct);
        await call.RequestStream.WriteAsync(new UploadDatasetRequest { Chunk = ByteString.CopyFrom(Join(lines.Take(51))) }, ct);
        await call.RequestStream.CompleteAsync();
        var replaced = await call.ResponseAsync;

        Assert.Equal(50, replaced.RowCount);
        Assert.Equal(50, (await ListAsync(ct)).Single(d => d.Name == "replace-me").RowCount);
        Assert.Empty(StagingEntries());
    }

    [Fact]
    public async Task UploadDataset_BadNameOrUnknownSchema_InvalidArgumentOnHeaderField()
    {
        var ct = Timeouts.Token();
        var badName = await Assert.ThrowsAsync<RpcException>(() => ServerCalls.UploadAsync(Host.Datasets, "Bad_Name", Join(RealLines().Take(3)), ct));
        using var call = Host.Datasets.UploadDataset(cancellationToken: ct);
        await call.RequestStream.WriteAsync(new UploadDatasetRequest { Header = new UploadHeader { Name = "fine", Schema = "cdc-vaccinations" } }, ct);
        await call.RequestStream.CompleteAsync();
        var badSchema = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal("header.name", badName.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
        var violation = badSchema.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Single();
        Assert.Equal("header.schema", violation.Field);
        Assert.Contains("cdc-cases-deaths-by-state", violation.Description);
    }

    [Fact]
    public async Task UploadDataset_LargerThanLimit_InvalidArgumentAndNothingLeft()
    {
        var ct = Timeouts.Token(60);
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Settings = { ["Data:MaxUploadBytes"] = "100000" } });

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            ServerCalls.UploadAsync(host.Datasets, "too-big", File.ReadAllBytes(CdcFiles.Get(CdcFiles.CasesDeaths2020)), ct));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("100000", ex.Status.Detail);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(host.DataDirectory, "datasets", ".staging")));
        Assert.False(Directory.Exists(Path.Combine(host.DataDirectory, "datasets", "too-big")));
    }

    private async Task AssertRejectedAsync(string name, byte[] content, string line)
    {
        var ct = Timeouts.Token();
        var before = await ListAsync(ct);

        var ex = await Assert.ThrowsAsync<RpcException>(() => ServerCalls.UploadAsync(Host.Datasets, name, content, ct));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        var violation = ex.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Single();
        Assert.Equal("chunk", violation.Field);
        Assert.StartsWith(line + ",", violation.Description);
        Assert.Empty(StagingEntries());
        Assert.False(Directory.Exists(Path.Combine(Host.DataDirectory, "datasets", name)));
        Assert.Equal(before, await ListAsync(ct));
    }

    private string[] StagingEntries()
    {
        var staging = Path.Combine(Host.DataDirectory, "datasets", ".staging");
        return Directory.Exists(staging) ? Directory.GetFileSystemEntries(staging) : [];
    }

    private async Task<List<Dataset>> ListAsync(CancellationToken ct) =>
        [.. (await Host.Datasets.ListDatasetsAsync(new ListDatasetsRequest(), cancellationToken: ct)).Datasets];

    private static async Task WaitForAsync(Func<bool> condition, CancellationToken ct)
    {
        while (!condition())
        {
            await Task.Delay(20, ct);
        }
    }
}
