using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;

namespace Covid.Tests.Core.Correctness;

/// <summary>Specs over the 2020-09-23 export of 9mfq-cb36, checked against values read here from the CSV text.</summary>
[Collection(RealDataCollection.Name)]
public sealed class CasesExport2020CorrectnessTests(RealData data)
{
    private static readonly Lazy<RealCsv> Csv = new(() => new RealCsv(CdcFiles.CasesDeaths2020));

    [Fact]
    public async Task Run_MonthlyNewCasesAndDeathsByState_MatchesCsv()
    {
        var expected = Csv.Value.Rows
            .GroupBy(r => (new DateOnly(Csv.Value.Date(r, "submission_date").Year, Csv.Value.Date(r, "submission_date").Month, 1), Csv.Value.Text(r, "state")))
            .ToDictionary(g => g.Key, g => (Cases: g.Sum(r => Csv.Value.Long(r, "new_case")), Deaths: g.Sum(r => Csv.Value.Long(r, "new_death"))));

        var table = await EngineHarness.RunAsync(Specs.Parse("""
            {"dataset": "cdc-cases-deaths-by-state", "groupBy": ["state"], "timeBucket": "MONTH",
             "metrics": [{"name": "cases", "aggregation": "SUM", "field": "new_case"}, {"name": "deaths", "aggregation": "SUM", "field": "new_death"},
                         {"name": "cfr", "ratio": {"numerator": "deaths", "denominator": "cases"}}],
             "limit": 10000}
            """), data.Lookup);

        Assert.Equal(60 * 9, expected.Count);
        Assert.Equal(expected.Count, table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var (cases, deaths) = expected[(EngineHarness.Cell<DateOnly>(table, row, "period"), EngineHarness.Cell<string>(table, row, "state"))];
            Assert.Equal(cases, EngineHarness.Cell<long>(table, row, "cases"));
            Assert.Equal(deaths, EngineHarness.Cell<long>(table, row, "deaths"));
            Assert.Equal(cases == 0 ? null : (double)deaths / cases, (double?)row[table.IndexOf("cfr")]);
        }
    }

    [Fact]
    public async Task Run_ConfirmedCasesReportedAndMaxTotalsInSummer_MatchesCsv()
    {
        var start = new DateOnly(2020, 6, 1);
        var end = new DateOnly(2020, 8, 31);
        var rows = Csv.Value.Rows.Where(r => Csv.Value.Date(r, "submission_date") >= start && Csv.Value.Date(r, "submission_date") <= end).ToList();
        var expected = rows.GroupBy(r => Csv.Value.Text(r, "state")).ToDictionary(g => g.Key, g => (
            Reported: g.LongCount(r => Csv.Value.Text(r, "conf_cases") != ""),
            MaxDeaths: g.Max(r => Csv.Value.Long(r, "tot_death"))));

        var table = await EngineHarness.RunAsync(Specs.Parse("""
            {"dataset": "cdc-cases-deaths-by-state", "dateRange": {"start": "2020-06-01", "end": "2020-08-31"}, "groupBy": ["state"],
             "metrics": [{"name": "reported", "aggregation": "COUNT", "field": "conf_cases"}, {"name": "max_deaths", "aggregation": "MAX", "field": "tot_death"}],
             "limit": 100}
            """), data.Lookup);

        Assert.Equal(60, table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var state = EngineHarness.Cell<string>(table, row, "state");
            Assert.Equal(expected[state].Reported, EngineHarness.Cell<long>(table, row, "reported"));
            Assert.Equal(expected[state].MaxDeaths, EngineHarness.Cell<long>(table, row, "max_deaths"));
        }
        Assert.Contains(expected.Values, v => v.Reported == 0);
    }
}
