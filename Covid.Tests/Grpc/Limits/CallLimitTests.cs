using Covid.Tests.Support;
using Covid.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Covid.Tests.Grpc.Limits;

/// <summary>Limits on calls at their edges: message size and the idle timeout of an upload stream.</summary>
public sealed class CallLimitTests
{
    // An UploadDatasetRequest of a chunk of N bytes is 1 (tag) + 3 (length) + N bytes on the wire.
    private const int Limit = 64 * 1024;
    private const int LargestChunk = Limit - 4;

    [Fact]
    public async Task MessageSize_AtTheLimitPasses_OneByteMoreIsRefusedNamingIt()
    {
        var ct = Timeouts.Token(60);
        var csv = await File.ReadAllBytesAsync(CdcFiles.Get(CdcFiles.CasesDeaths2020), ct);
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Settings = { ["Limits:MaxMessageBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) } });

        var loaded = await ServerCalls.UploadAsync(host.Datasets, "at-limit", csv, ct, chunkSize: LargestChunk);
        var error = await Assert.ThrowsAsync<RpcException>(() => ServerCalls.UploadAsync(host.Datasets, "over-limit", csv, ct, chunkSize: LargestChunk + 1));

        Assert.Equal(14_760, loaded.RowCount);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains($"limit of {Limit} bytes (Limits:MaxMessageBytes)", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryMessageSize_AtTheLimitPasses_OneByteMoreIsRefusedNamingIt()
    {
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Settings = { ["Limits:MaxMessageBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
        var explain = (ExplainAnalysisRequest request) => host.Analyses.ExplainAnalysisAsync(request, cancellationToken: Timeouts.Token()).ResponseAsync;

        var atLimit = await explain(ExplainOfSize(Limit));
        var error = await Assert.ThrowsAsync<RpcException>(() => explain(ExplainOfSize(Limit + 1)));

        Assert.Equal(ExplainOfSize(Limit).Spec.Plot.Title, atLimit.Spec.Plot.Title);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal($"the request message is larger than this server's limit of {Limit} bytes (Limits:MaxMessageBytes)", error.Status.Detail);
    }

    /// <summary>An ExplainAnalysisRequest of the example spec whose plot title pads it to exactly <paramref name="bytes"/> on the wire.</summary>
    private static ExplainAnalysisRequest ExplainOfSize(int bytes)
    {
        var spec = Specs.IssueExample();
        spec.Plot = new Plot { Kind = Plot.Types.Kind.Line, X = "period", Y = { "cases" }, Series = "state" };
        var request = new ExplainAnalysisRequest { Spec = spec };
        var title = bytes - request.CalculateSize();
        while (true)
        {
            spec.Plot.Title = new string('x', title);
            var size = request.CalculateSize();
            if (size == bytes)
            {
                return request;
            }
            title += bytes - size;
        }
    }

    [Fact]
    public async Task UploadThatStopsSending_IsEndedAfterTheIdleTimeoutAndLeavesNothing()
    {
        var ct = Timeouts.Token(60);
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Settings = { ["Limits:StreamIdleTimeout"] = "00:00:01" } });
        using var call = host.Datasets.UploadDataset(cancellationToken: ct);
        await call.RequestStream.WriteAsync(new UploadDatasetRequest { Header = new UploadHeader { Name = "stalled", Schema = "cdc-cases-deaths-by-state" } }, ct);
        // A good header: lines are checked as they arrive, so a bad one would be refused before the timeout.
        var header = File.ReadLines(CdcFiles.Get(CdcFiles.CasesDeaths2020)).First();
        await call.RequestStream.WriteAsync(new UploadDatasetRequest { Chunk = ByteString.CopyFromUtf8(header + "\n") }, ct);

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Contains("Limits:StreamIdleTimeout", error.Status.Detail, StringComparison.Ordinal);
        var staging = Path.Combine(host.DataDirectory, "datasets", ".staging");
        Assert.True(!Directory.Exists(staging) || Directory.GetFileSystemEntries(staging).Length == 0, "staging is not empty");
        Assert.False(Directory.Exists(Path.Combine(host.DataDirectory, "datasets", "stalled")));
    }
}
