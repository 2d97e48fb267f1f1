extern alias cli;
using Covid.Tests.Support;
using Covid.Tests.Support.Cli;
using Covid.V1;
using Grpc.Core;

namespace Covid.Tests.Server.Datasets;

/// <summary>ImportDataset of "cdc:ID" against a loopback server that pages the shared files the way SODA does.</summary>
public sealed class CdcImportTests : IAsyncLifetime
{
    private const int PageSize = 5000;
    private SodaHttpServer _soda = null!;
    private ServerHost _host = null!;

    public async Task InitializeAsync()
    {
        _soda = await SodaHttpServer.StartAsync(new Dictionary<string, string>
        {
            ["ua7e-t2fy"] = CurrentCdcFiles.Nhsn,
            ["ch5i-63ve"] = CurrentCdcFiles.RespLens,
        });
        _host = await ServerHost.StartAsync(new ServerHostOptions
        {
            Settings = { ["Data:CdcBaseUrl"] = _soda.BaseUrl, ["Data:ImportHosts:0"] = _soda.BaseUrl, ["Data:CdcPageSize"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _soda.DisposeAsync();
    }

    [Fact]
    public async Task ImportDataset_CdcId_PagesTheSchemasColumnsInRowOrder()
    {
        var dataset = await _host.Datasets.ImportDatasetAsync(new ImportDatasetRequest { Name = "nhsn-hrd", Url = "cdc:ua7e-t2fy" }, cancellationToken: Timeouts.Token());

        Assert.Equal("nhsn-hospital-respiratory", dataset.Schema);
        Assert.Equal(20_770, dataset.RowCount);
        Assert.Equal("cdc:ua7e-t2fy", dataset.Source);
        Assert.Equal(Dataset.Types.ExportForm.Soda, dataset.ExportForm);
        Assert.Equal(("2020-08-08", "2026-07-11"), (dataset.MinDate, dataset.MaxDate));
        var pages = _soda.Requests.ToList();
        Assert.Equal(["0", "5000", "10000", "15000", "20000"], pages.Select(q => q["$offset"].ToString()));
        Assert.All(pages, q =>
        {
            Assert.Equal(":id", q["$order"].ToString());
            Assert.Equal("5000", q["$limit"].ToString());
            Assert.StartsWith("weekendingdate,jurisdiction,totalconfc19newadm,", q["$select"].ToString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task CliImport_CdcIdWithoutSchema_UsesTheSchemaThatReadsIt()
    {
        var (code, output, error) = await CliRun.InvokeAsync("datasets", "import", "cdc:ch5i-63ve", "--name", "lens", "--server", _host.App.Urls.Single());

        Assert.True(code == cli::Covid.Cli.ExitCode.Success, error);
        Assert.Equal("lens version 1: 32760 rows of resp-lens-positivity, 2021-11-27..2024-08-31\n", output);
        Assert.Contains("note: lens read as a SODA export", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cdc:zzzz-9999", "", "url", "no schema reads data.cdc.gov dataset zzzz-9999")]
    [InlineData("cdc:ua7e-t2fy", "resp-lens-positivity", "schema", "schema \"resp-lens-positivity\" reads ch5i-63ve, not ua7e-t2fy")]
    [InlineData("cdc:ua7e", "", "url", "is not cdc: and a data.cdc.gov dataset id")]
    [InlineData("cdc:9mfq-cb36", "", "url", "schema \"cdc-cases-deaths-by-state\" has no SODA form")]
    public async Task ImportDataset_BadCdcRequest_InvalidArgumentNamingTheField(string url, string schema, string field, string message)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _host.Datasets.ImportDatasetAsync(
            new ImportDatasetRequest { Name = "x", Url = url, Schema = schema }, cancellationToken: Timeouts.Token()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(message, error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains($"{field}:", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(_soda.Requests);
    }
}
