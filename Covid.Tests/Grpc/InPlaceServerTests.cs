using Covid.Tests.Support;
using Covid.V1;
using Grpc.Core;
using State = Covid.V1.Analysis.Types.State;

namespace Covid.Tests.Grpc;

/// <summary>Data:InPlace on a running server: listed, analysed like its Parquet twin, protected, confined to the data volume.</summary>
public sealed class InPlaceServerTests : IDisposable
{
    private readonly TempDirectory _data = new("covid-inplace-");

    public InPlaceServerTests()
    {
        Directory.CreateDirectory(Path.Combine(_data.Path, "volume"));
        File.Copy(CdcFiles.Get(CdcFiles.CasesDeaths2021), Path.Combine(_data.Path, "volume", "cases.csv"));
    }

    public void Dispose() => _data.Dispose();

    private Task<ServerHost> Start(string path) => ServerHost.StartAsync(new ServerHostOptions
    {
        DataDirectory = _data.Path,
        Settings = { ["Data:InPlace:cases-inplace:Path"] = path, ["Data:InPlace:cases-inplace:Schema"] = "cdc-cases-deaths-by-state" },
    });

    [Fact]
    public async Task Start_InPlaceCsv_ListedAndSameResultAsParquetSeed()
    {
        await using var host = await Start("volume/cases.csv");
        var ct = Timeouts.Token(60);

        var listed = await host.Datasets.ListDatasetsAsync(new ListDatasetsRequest(), cancellationToken: ct);
        var inPlace = listed.Datasets.Single(d => d.Name == "cases-inplace");
        Assert.Equal("inplace:" + Path.Combine("volume", "cases.csv"), inPlace.Source);

        var parquet = await Run(host, "cdc-cases-deaths-by-state", ct);
        var csv = await Run(host, "cases-inplace", ct);

        Assert.True(parquet.RowCount > 0);
        Assert.Equal(parquet.Columns, csv.Columns);
        Assert.Equal(parquet.RowCount, csv.RowCount);
    }

    [Fact]
    public async Task Explain_InPlaceDataset_ReadsTheCsvInBothScripts()
    {
        await using var host = await Start("volume/cases.csv");

        var explained = await host.Analyses.ExplainAnalysisAsync(new ExplainAnalysisRequest { Spec = Specs.IssueExample("cases-inplace") }, cancellationToken: Timeouts.Token());

        // Relative to the data directory: no answer names where the server keeps its files.
        var csv = Path.Combine("volume", "cases.csv");
        Assert.DoesNotContain(_data.Path, explained.DuckdbSql + explained.SparkSql, StringComparison.Ordinal);
        Assert.Contains("read_csv('" + csv + "'", explained.DuckdbSql, StringComparison.Ordinal);
        Assert.Contains("'" + csv + "'", explained.SparkSql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_OverInPlaceName_AlreadyExistsEvenWithReplace()
    {
        await using var host = await Start("volume/cases.csv");
        var bytes = await File.ReadAllBytesAsync(CdcFiles.Get(CdcFiles.CasesDeaths2020));

        var error = await Assert.ThrowsAsync<RpcException>(() => ServerCalls.UploadAsync(host.Datasets, "cases-inplace", bytes, Timeouts.Token()));

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Contains("Data:InPlace", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../outside.csv")]
    [InlineData("/etc/hostname")]
    public async Task Start_PathOutsideDataDirectory_RefusedWithTheKey(string path)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Start(path));

        Assert.Contains("Data:InPlace:cases-inplace:Path", error.Message, StringComparison.Ordinal);
        Assert.Contains("not under Data:Directory", error.Message, StringComparison.Ordinal);
    }

    private static async Task<Result> Run(ServerHost host, string dataset, CancellationToken ct)
    {
        var submitted = await host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample(dataset) }, cancellationToken: ct);
        var done = await ServerCalls.WaitForAsync(host.Analyses, submitted.Name, a => a.State is State.Succeeded or State.Failed or State.Cancelled, ct);
        Assert.True(done.State == State.Succeeded, done.ToString());
        return await host.Analyses.GetResultAsync(new GetResultRequest { Name = submitted.Name }, cancellationToken: ct);
    }
}
