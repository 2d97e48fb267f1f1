extern alias cli;
using System.Text.Json;
using Covid.Tests.Support;
using Covid.Tests.Support.Cli;
using ExitCode = cli::Covid.Cli.ExitCode;

namespace Covid.Tests.Client.Cli;

/// <summary>
/// A SUM over NCHS counts that CDC suppressed says how many cells were suppressed, in every output
/// the CLI writes (table, CSV, JSON), so a lower bound is never read as a total.
/// </summary>
public sealed class SuppressedCountsOutputTests(ServerFixture server) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private readonly string _spec = Path.Combine(Path.GetTempPath(), $"covid-suppressed-{Guid.NewGuid():N}.json");

    public async Task InitializeAsync()
    {
        File.WriteAllText(_spec, """
            {"dataset": "nchs", "dateRange": {"start": "2022-01-01", "end": "2022-12-31"}, "filters": [{"field": "state", "values": ["Vermont", "Wyoming"]}],
             "groupBy": ["state"], "timeBucket": "YEAR", "metrics": [{"name": "deaths", "aggregation": "SUM", "field": "covid_19_deaths"}]}
            """);
        var (code, _, error) = await CliRun.InvokeAsync("datasets", "upload", CdcFiles.Get(CurrentCdcFiles.NchsDeaths), "--name", "nchs", "--schema", "nchs-provisional-deaths", "--replace", "--server", server.Address);
        Assert.True(code == ExitCode.Success, error);
    }

    public Task DisposeAsync()
    {
        File.Delete(_spec);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Run_SumOfSuppressedCounts_EveryOutputShowsTheSuppressedCells()
    {
        var csvTable = new CdcTable(CurrentCdcFiles.NchsDeaths);
        var suppressed = csvTable.Rows.Where(r => csvTable.Text(r, "Group") == "By Week" && csvTable.Text(r, "State") == "Wyoming"
                                                  && csvTable.Date(r, "Week Ending Date")!.Value.Year == 2022 && csvTable.Text(r, "COVID-19 Deaths") == "").Count();
        Assert.True(suppressed > 0);

        var (_, table, _) = await CliRun.InvokeAsync("run", _spec, "--request-id", "suppressed", "--server", server.Address);
        var (_, csv, _) = await CliRun.InvokeAsync("run", _spec, "--output", "csv", "--request-id", "suppressed", "--server", server.Address);
        var (code, json, error) = await CliRun.InvokeAsync("run", _spec, "--output", "json", "--request-id", "suppressed", "--server", server.Address);

        Assert.True(code == ExitCode.Success, error);
        Assert.Contains("deaths_suppressed", table.Split('\n')[0], StringComparison.Ordinal);
        Assert.Equal("period,state,deaths,deaths_suppressed", csv.Split('\n')[0]);
        var wyoming = JsonDocument.Parse(json).RootElement.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("state").GetString() == "Wyoming");
        Assert.Equal(suppressed, wyoming.GetProperty("deaths_suppressed").GetInt64());
    }
}
