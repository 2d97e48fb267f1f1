using System.Globalization;
using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;
using Covid.V1;
using Grpc.Core;

namespace Covid.Tests.Grpc.Versions;

/// <summary>
/// Each version's data-as-of day comes from the file when it carries one (r8kw-7aab "Data as of",
/// pwn4-m3yp date_updated), else from when an import fetched it; and a load that fails, upload or
/// import, adds no version to a name that has some.
/// </summary>
public sealed class DataAsOfTests : IAsyncLifetime
{
    private CdcHttpServer http = null!;
    private ServerHost host = null!;

    public async Task InitializeAsync()
    {
        http = await CdcHttpServer.StartAsync();
        host = await ServerHost.StartAsync(new ServerHostOptions { Settings = { ["Data:ImportHosts:0"] = http.Url("") } });
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await http.DisposeAsync();
    }

    private async Task<Dataset> Upload(string name, string schema, string file, bool replace = false)
    {
        using var call = host.Datasets.UploadDataset(cancellationToken: Timeouts.Token(60));
        await call.RequestStream.WriteAsync(new UploadDatasetRequest { Header = new UploadHeader { Name = name, Schema = schema, FileName = Path.GetFileName(file), Replace = replace } });
        await call.RequestStream.WriteAsync(new UploadDatasetRequest { Chunk = Google.Protobuf.ByteString.CopyFrom(await File.ReadAllBytesAsync(file)) });
        await call.RequestStream.CompleteAsync();
        return await call.ResponseAsync;
    }

    [Fact]
    public async Task Nchs_DataAsOfColumn_IsTheVersionsDataAsOf()
    {
        var dataset = await Upload("nchs", "nchs-provisional-deaths", CdcFiles.Get(CurrentCdcFiles.NchsDeaths));

        var version = (await Vintages.VersionsAsync(host.Datasets, "nchs", Timeouts.Token())).Single();
        Assert.Equal(("2023-12-07", "field data_as_of"), (version.DataAsOf, version.DataAsOfBasis));
        Assert.Equal("2023-12-07", dataset.DataAsOf);
        Assert.Equal(Vintages.Sha256(CdcFiles.Get(CurrentCdcFiles.NchsDeaths)), version.Sha256);
    }

    [Fact]
    public async Task WeeklyCases_LatestDateUpdated_IsTheVersionsDataAsOf()
    {
        var file = CdcFiles.Get(CurrentCdcFiles.WeeklyCases);
        // Independently: the first column of every line after the header, an ISO date.
        var latest = File.ReadLines(file).Skip(1).Select(l => DateOnly.ParseExact(l[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture)).Max();

        await Upload("weekly", "cdc-weekly-cases-deaths-by-state", file);

        var version = (await Vintages.VersionsAsync(host.Datasets, "weekly", Timeouts.Token())).Single();
        Assert.Equal((latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "field date_updated"), (version.DataAsOf, version.DataAsOfBasis));
    }

    [Fact]
    public async Task Import_FileWithoutAnAsOfField_AsOfTheDayItWasFetched_EachImportAVersion()
    {
        var url = http.Url("/files/" + RealData.CovidNetFile);
        var before = DateOnly.FromDateTime(DateTime.UtcNow);

        var first = await host.Datasets.ImportDatasetAsync(new ImportDatasetRequest { Name = "covidnet", Schema = "cdc-covid-net", Url = url }, cancellationToken: Timeouts.Token(60));
        var second = await host.Datasets.ImportDatasetAsync(new ImportDatasetRequest { Name = "covidnet", Schema = "cdc-covid-net", Url = url, Replace = true }, cancellationToken: Timeouts.Token(60));
        var after = DateOnly.FromDateTime(DateTime.UtcNow);

        var versions = await Vintages.VersionsAsync(host.Datasets, "covidnet", Timeouts.Token());
        Assert.Equal([2, 1], versions.Select(v => v.Version));
        Assert.Equal((1, 2), (first.Version, second.Version));
        Assert.All(versions, v => Assert.Equal(("retrieved", "url:" + url, Vintages.Sha256(CdcFiles.Get(RealData.CovidNetFile))), (v.DataAsOfBasis, v.Source, v.Sha256)));
        Assert.All(versions, v => Assert.InRange(DateOnly.ParseExact(v.DataAsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture), before, after));
    }

    [Fact]
    public async Task FailedLoads_OfANameWithAVersion_AddNothing()
    {
        var ct = Timeouts.Token(60);
        await Vintages.LoadAsync(host.Datasets, Vintages.Early, "kept", ct);
        using var bad = new TempDirectory("covid-bad-");
        var broken = bad.File("broken.csv");
        var lines = File.ReadAllLines(Vintages.Late);
        lines[500] = "not,a,row";
        File.WriteAllLines(broken, lines);

        var upload = await Assert.ThrowsAsync<RpcException>(() => Upload("kept", "cdc-cases-deaths-by-state", broken, replace: true));
        var cut = await Vintages.FailsAsync(() => host.Datasets.ImportDatasetAsync(
            new ImportDatasetRequest { Name = "kept", Schema = "cdc-cases-deaths-by-state", Url = http.Url("/cut/" + CdcFiles.CasesDeaths2021), Replace = true }, cancellationToken: ct));
        var versions = await Vintages.VersionsAsync(host.Datasets, "kept", ct);

        Assert.Equal(StatusCode.InvalidArgument, upload.StatusCode);
        Assert.Contains("line 501", upload.Status.Detail, StringComparison.Ordinal);
        Assert.NotEqual(StatusCode.OK, cut.StatusCode);
        Assert.Equal([(1, Vintages.Sha256(Vintages.Early))], versions.Select(v => (v.Version, v.Sha256)));
        Assert.Equal(["v1"], Directory.GetDirectories(Path.Combine(host.DataDirectory, "datasets", "kept")).Select(Path.GetFileName));
        var staging = Path.Combine(host.DataDirectory, "datasets", ".staging");
        Assert.True(!Directory.Exists(staging) || Directory.GetFileSystemEntries(staging).Length == 0, "staging is not empty");
    }
}
