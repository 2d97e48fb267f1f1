using Covid.SparkJob.Results;
using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;

namespace Covid.Tests.Core.Engine;

/// <summary>
/// On the real files, the sum over the places that partition the nation equals the file's own
/// national row wherever CDC's totals agree, and the weeks where they do not are accounted for.
/// NHSN: states, DC and territories add up to "USA" in all 310 weeks, and so do the ten regions.
/// NCHS: the states, DC and New York City add up to "United States" (Puerto Rico is not in it):
/// all 205 weeks for total deaths; for COVID-19 deaths only in 13 weeks, because suppressed cells
/// (counts of 1–9) are missing from the states' sum, which falls short by 1 to 9 per suppressed cell.
/// </summary>
public sealed class NationalTotalsTests(CurrentDatasetsFixture data) : IClassFixture<CurrentDatasetsFixture>
{
    [Fact]
    public async Task Nhsn_StatesAndTerritories_AddUpToUsaEveryWeek()
    {
        var leaves = await Weekly("""
            {"dataset": "nhsn-hospital-respiratory", "filters": [{"field": "geo_level", "values": ["state", "territory"]}], "timeBucket": "EPIWEEK",
             "metrics": [{"name": "admissions", "aggregation": "SUM", "field": "totalconfc19newadm"}]}
            """);
        var regions = await Weekly("""
            {"dataset": "nhsn-hospital-respiratory", "filters": [{"field": "geo_level", "values": ["hhs_region"]}], "timeBucket": "EPIWEEK",
             "metrics": [{"name": "admissions", "aggregation": "SUM", "field": "totalconfc19newadm"}]}
            """);
        var nation = await Weekly("""
            {"dataset": "nhsn-hospital-respiratory", "filters": [{"field": "geo_level", "values": ["nation"]}], "timeBucket": "EPIWEEK",
             "metrics": [{"name": "admissions", "aggregation": "SUM", "field": "totalconfc19newadm"}]}
            """);

        Assert.Equal(310, nation.Count);
        Assert.Equal(nation, leaves);
        Assert.Equal(nation, regions);
    }

    [Fact]
    public async Task Nchs_StatesDcAndNyc_AddUpToTheUnitedStates_ExceptBySuppressedCells()
    {
        const string Leaves = """
            {"dataset": "nchs-provisional-deaths", "filters": [{"field": "group", "values": ["By Week"]}, {"field": "geo_level", "values": ["state", "city"]}],
             "timeBucket": "EPIWEEK", "metrics": [{"name": "covid", "aggregation": "SUM", "field": "covid_19_deaths"}, {"name": "all", "aggregation": "SUM", "field": "total_deaths"}]}
            """;
        var states = await EngineHarness.RunAsync(Specs.Parse(Leaves), data.Lookup);
        var nation = await EngineHarness.RunAsync(Specs.Parse(Leaves.Replace("[\"state\", \"city\"]", "[\"nation\"]", StringComparison.Ordinal)), data.Lookup);

        Assert.Equal(205, nation.Rows.Count);
        var (covid, suppressed, all) = (states.IndexOf("covid"), states.IndexOf("covid_suppressed"), states.IndexOf("all"));
        var byWeek = states.Rows.ToDictionary(r => (DateOnly)r[0]!);
        var exact = 0;
        foreach (var us in nation.Rows)
        {
            var leaves = byWeek[(DateOnly)us[0]!];
            Assert.Equal(0L, us[suppressed]);
            Assert.Equal((long)us[all]!, (long)leaves[all]!);
            var shortfall = (long)us[covid]! - (long)leaves[covid]!;
            var cells = (long)leaves[suppressed]!;
            Assert.InRange(shortfall, cells, 9 * cells);
            exact += cells == 0 ? 1 : 0;
        }
        Assert.Equal(13, exact);
    }

    private async Task<Dictionary<DateOnly, long?>> Weekly(string json)
    {
        ResultTable table = await EngineHarness.RunAsync(Specs.Parse(json), data.Lookup);
        return table.Rows.ToDictionary(r => (DateOnly)r[0]!, r => (long?)r[table.IndexOf("admissions")]);
    }
}
