extern alias cli;
using System.Text.Json;
using Covid.Tests.Support;
using Covid.Tests.Support.Cli;
using ExitCode = cli::Covid.Cli.ExitCode;

namespace Covid.Tests.Client.Cli;

/// <summary>covid datasets schemas and describe against the real server: ids, grain, geography, and every field's role, unit and additivity.</summary>
public sealed class DatasetsSchemasTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Schemas_Table_ListsEveryBuiltInSchemaWithIdsGrainAndGeography()
    {
        var (code, output, error) = await CliRun.InvokeAsync("datasets", "schemas", "--server", server.Address);

        Assert.True(code == ExitCode.Success, error);
        var nhsn = output.Split('\n').Single(l => l.StartsWith("nhsn-hospital-respiratory ", StringComparison.Ordinal));
        Assert.Contains("ua7e-t2fy mpgq-jmmr", nhsn, StringComparison.Ordinal);
        Assert.Contains("week-ending-saturday", nhsn, StringComparison.Ordinal);
        Assert.Contains("jurisdiction_raw (state, territory, nation, hhs_region)", nhsn, StringComparison.Ordinal);
        Assert.Equal(10, output.Split('\n').Count(l => l.Contains("built-in", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Schemas_OneSchemaAsJson_GivesRoleUnitAndAdditivityOfEachField()
    {
        var (code, output, error) = await CliRun.InvokeAsync("datasets", "schemas", "nchs-provisional-deaths", "--output", "json", "--server", server.Address);

        Assert.True(code == ExitCode.Success, error);
        var fields = JsonDocument.Parse(output).RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("field").GetString()!);
        Assert.Equal(("measure", "deaths", "time and geography"), Describe(fields["covid_19_deaths"]));
        Assert.Contains("an empty cell is a suppressed count of 1–9", fields["covid_19_deaths"].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(("measure", "%", "never summed"), Describe(fields["percent_of_expected_deaths"]));
        Assert.Equal(("time", "", ""), Describe(fields["week_ending_date"]));
        Assert.Equal(("geography", "", ""), Describe(fields["jurisdiction"]));
        Assert.Contains("grain MMWR weeks (Sunday to Saturday)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describe_SeededDataset_ShowsRolesAndUnits()
    {
        var (code, output, error) = await CliRun.InvokeAsync("datasets", "describe", "cdc-cases-deaths-by-state", "--output", "csv", "--server", server.Address);

        Assert.True(code == ExitCode.Success, error);
        var lines = output.Split('\n');
        Assert.Equal("field,type,role,unit,additivity,dimension,description", lines[0]);
        Assert.StartsWith("tot_cases,INT64,measure,cases,geography only,false,", lines.Single(l => l.StartsWith("tot_cases,", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.StartsWith("geo_level,STRING,dimension,,,true,", lines.Single(l => l.StartsWith("geo_level,", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    private static (string?, string?, string?) Describe(JsonElement field) =>
        (field.GetProperty("role").GetString(), field.GetProperty("unit").GetString(), field.GetProperty("additivity").GetString());
}
