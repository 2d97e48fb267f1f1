extern alias cli;
using cli::Covid.Cli;
using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;
using Covid.Tests.Support.Cli;
using Covid.V1;
using Grpc.Core;

namespace Covid.Tests.Grpc;

/// <summary>ImportDataset against a local HTTP server serving real CDC files.</summary>
public sealed class ImportDatasetTests : IAsyncLifetime
{
    private const long Limit = 3_000_000;
    private CdcHttpServer _http = null!;
    private ServerHost _host = null!;

    public async Task InitializeAsync()
    {
        _http = await CdcHttpServer.StartAsync();
        _host = await ServerHost.StartAsync(new ServerHostOptions
        {
            Settings =
            {
                ["Data:MaxImportBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Data:ImportTimeout"] = "00:00:03",
                ["Data:ImportHosts:0"] = _http.Url(""),
            },
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _http.DisposeAsync();
    }

    private Task<Dataset> Import(string name, string schema, string url) =>
        _host.Datasets.ImportDatasetAsync(new ImportDatasetRequest { Name = name, Schema = schema, Url = url }, cancellationToken: Timeouts.Token()).ResponseAsync;

    private async Task<RpcException> ImportFails(string name, string schema, string url)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Import(name, schema, url));
        var listed = await _host.Datasets.ListDatasetsAsync(new ListDatasetsRequest(), cancellationToken: Timeouts.Token());
        Assert.DoesNotContain(listed.Datasets, d => d.Name == name);
        var root = Path.Combine(_host.DataDirectory, "datasets");
        Assert.False(Directory.Exists(Path.Combine(root, name)));
        var staging = Path.Combine(root, ".staging");
        Assert.True(!Directory.Exists(staging) || Directory.GetFileSystemEntries(staging).Length == 0, "staging is not empty");
        return error;
    }

    [Fact]
    public async Task ImportDataset_RealCovidNetFile_LoadedWithUrlSource()
    {
        var url = _http.Url("/files/" + RealData.CovidNetFile);

        var dataset = await Import("covidnet", "cdc-covid-net", url);

        Assert.Equal(37_536, dataset.RowCount);
        Assert.Equal("url:" + url, dataset.Source);
        Assert.Equal("2020-03-07", dataset.MinDate);
        Assert.Equal(new FileInfo(CdcFiles.Get(RealData.CovidNetFile)).Length, dataset.SizeBytes);
    }

    [Fact]
    public async Task ImportDataset_NoContentLength_StillLoads()
    {
        var dataset = await Import("cases-2020", "cdc-cases-deaths-by-state", _http.Url("/chunked/" + CdcFiles.CasesDeaths2020));

        Assert.Equal(14_760, dataset.RowCount);
    }

    [Fact]
    public async Task ImportDataset_NotFound_NotFoundAndNothingLeft()
    {
        var error = await ImportFails("missing", "cdc-covid-net", _http.Url("/nothing-here.csv"));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("HTTP 404", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/files/")]
    [InlineData("/chunked/")]
    public async Task ImportDataset_LargerThanLimit_InvalidArgumentAndNothingLeft(string route)
    {
        var error = await ImportFails("vaccinations", "cdc-vaccinations-jurisdiction", _http.Url(route + RealData.Vaccinations));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("Data:MaxImportBytes", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportDataset_ConnectionCutMidFile_UnavailableAndNothingLeft()
    {
        var error = await ImportFails("cut", "cdc-cases-deaths-by-state", _http.Url("/cut/" + CdcFiles.CasesDeaths2021));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("was cut after", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportDataset_StalledDownload_DeadlineExceededAndNothingLeft()
    {
        var error = await ImportFails("stalled", "cdc-cases-deaths-by-state", _http.Url("/stall/" + CdcFiles.CasesDeaths2021));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Contains("Data:ImportTimeout", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportDataset_WrongSchemaForTheFile_InvalidArgumentNamingLine()
    {
        var error = await ImportFails("wrong", "cdc-vaccinations-jurisdiction", _http.Url("/files/" + CdcFiles.CasesDeaths2020));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("line 1", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/x.csv")]
    [InlineData("file:///etc/passwd")]
    [InlineData("not a url")]
    public async Task ImportDataset_NotHttpUrl_InvalidArgumentOnUrl(string url)
    {
        var error = await ImportFails("bad-url", "cdc-covid-net", url);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("url:", error.Status.Detail, StringComparison.Ordinal);
    }


    [Fact]
    public async Task CliImport_RealVaccinationsFile_PrintsRowsAndSpan()
    {
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Seed = "", Settings = { ["Data:ImportHosts:0"] = _http.Url("") } });

        var (code, output, error) = await CliRun.InvokeAsync("datasets", "import", _http.Url("/files/" + RealData.Vaccinations),
            "--name", "vaccinations", "--schema", "cdc-vaccinations-jurisdiction", "--server", host.Address);

        Assert.True(code == ExitCode.Success, error);
        Assert.Equal("vaccinations version 1: 11056 rows of cdc-vaccinations-jurisdiction, 2020-12-13..2021-05-30\n", output.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CliImport_404_ExitNotFoundWithTheReason()
    {
        var (code, _, error) = await CliRun.InvokeAsync("datasets", "import", _http.Url("/gone.csv"),
            "--name", "gone", "--schema", "cdc-covid-net", "--server", _host.Address);

        Assert.Equal(ExitCode.NotFound, code);
        Assert.Contains("HTTP 404", error, StringComparison.Ordinal);
    }
}
