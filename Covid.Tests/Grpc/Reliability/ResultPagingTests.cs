extern alias cli;
using cli::Covid.Cli.Generation;
using cli::Covid.Client;
using Covid.Tests.Support;
using Covid.V1;
using Grpc.Core;
using Grpc.Net.Client;
using State = Covid.V1.Analysis.Types.State;

namespace Covid.Tests.Grpc.Reliability;

/// <summary>
/// A 70,000-row result (about 4.5 MB as one message, over gRPC's default 4 MB receive limit) read
/// by clients with that default: a raw .NET channel, the SDK, and Python grpcio.
/// </summary>
public sealed class ResultPagingTests : IAsyncLifetime
{
    private const int Rows = 70_000;
    private ServerHost host = null!;
    private string name = "";

    public async Task InitializeAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "covid-paging-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        using (var csv = File.CreateText(Path.Combine(dir, "cases.csv")))
        {
            CaseSurveillanceGenerator.Write(csv, 400_000, seed: 11);
        }
        host = await ServerHost.StartAsync(new ServerHostOptions
        {
            DataDirectory = dir,
            Settings = { ["Data:InPlace:cases:Path"] = "cases.csv", ["Data:InPlace:cases:Schema"] = "cdc-case-surveillance", ["Data:InPlace:cases:Synthetic"] = "true" },
        });
        var spec = Specs.Parse($$"""
            {"dataset": "cases", "groupBy": ["sex", "age_group", "race_ethnicity_combined", "current_status"], "timeBucket": "DAY",
             "metrics": [{"name": "cases", "aggregation": "COUNT"}], "limit": {{Rows}}}
            """);
        var submitted = await host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = spec }, cancellationToken: Timeouts.Token());
        var done = await ServerCalls.WaitForAsync(host.Analyses, submitted.Name, a => a.State is not (State.Queued or State.Running), Timeouts.Token(120));
        Assert.Equal(State.Succeeded, done.State);
        Assert.Equal(Rows, done.ResultRowCount);
        name = done.Name;
    }

    public async Task DisposeAsync()
    {
        var dir = host.DataDirectory;
        await host.DisposeAsync();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task GetResult_DefaultReceiveLimit_ReadsEveryRowPageByPage()
    {
        // GrpcChannelOptions' default MaxReceiveMessageSize is 4 MB; nothing is raised here.
        using var channel = GrpcChannel.ForAddress(host.Address);
        var client = new AnalysisService.AnalysisServiceClient(channel);
        var token = "";
        long rows = 0, bytes = 0;
        var pages = 0;
        do
        {
            var page = await client.GetResultAsync(new GetResultRequest { Name = name, PageToken = token }, cancellationToken: Timeouts.Token());
            Assert.Equal(Rows, page.TotalRowCount);
            Assert.All(page.Columns, c => Assert.Equal(page.RowCount, c.Type == Column.Types.Type.Int64 ? c.Int64Values.Count : c.StringValues.Count));
            rows += page.RowCount;
            bytes += page.CalculateSize();
            pages++;
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(Rows, rows);
        Assert.Equal(7, pages);
        Assert.True(bytes > 4 * 1024 * 1024, $"the whole result is only {bytes} bytes: not over the default limit");
    }

    [Fact]
    public async Task Sdk_GetResultAsync_JoinsThePagesInOrder()
    {
        await using var client = new CovidClient(host.Address);

        var table = await client.GetResultAsync(name, Timeouts.Token());
        var small = new List<IReadOnlyList<object?>>();
        await foreach (var page in client.GetResultPagesAsync(name, pageSize: 25_000, Timeouts.Token()))
        {
            Assert.True(page.Rows.Count <= 25_000);
            small.AddRange(page.Rows);
        }

        Assert.Equal(Rows, table.Rows.Count);
        Assert.Equal(table.Rows.Select(r => string.Join(",", r)), small.Select(r => string.Join(",", r)));
    }

    [Fact]
    public async Task GetResult_PageTokenOfAnotherAnalysisOrForged_InvalidArgumentNamingIt()
    {
        var first = await host.Analyses.GetResultAsync(new GetResultRequest { Name = name, PageSize = 10 }, cancellationToken: Timeouts.Token());
        var other = await host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample() }, cancellationToken: Timeouts.Token());
        await ServerCalls.WaitForAsync(host.Analyses, other.Name, a => a.State == State.Succeeded, Timeouts.Token(60));

        foreach (var (request, says) in new[]
        {
            (new GetResultRequest { Name = other.Name, PageToken = first.NextPageToken }, "another analysis"),
            (new GetResultRequest { Name = name, PageToken = "not-a-token" }, "not a token this server issued"),
            (new GetResultRequest { Name = name, PageSize = -1 }, "must not be negative"),
        })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => host.Analyses.GetResultAsync(request, cancellationToken: Timeouts.Token()).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.Contains("page_", error.Status.Detail, StringComparison.Ordinal);
            Assert.Contains(says, error.Status.Detail, StringComparison.Ordinal);
        }
        Assert.Equal(10, first.RowCount);
    }

    [PythonClientFact]
    public async Task GetResult_PythonGrpcioWithDefaultOptions_ReadsEveryRow()
    {
        var (code, output) = await PythonClient.RunAsync("""
            import sys, grpc
            from covid.v1 import analysis_pb2, analysis_pb2_grpc
            stub = analysis_pb2_grpc.AnalysisServiceStub(grpc.insecure_channel(sys.argv[1]))
            token, rows, pages = "", 0, 0
            while True:
                page = stub.GetResult(analysis_pb2.GetResultRequest(name=sys.argv[2], page_token=token), timeout=60)
                rows, pages, token = rows + page.row_count, pages + 1, page.next_page_token
                if not token:
                    break
            print(rows, pages)
            """, new Uri(host.Address).Authority, name);

        Assert.True(code == 0, output);
        Assert.Equal($"{Rows} 7", output.Trim());
    }
}
