using Covid.SparkJob.Engine;
using Covid.SparkJob.Results;
using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;
using Covid.V1;

namespace Covid.Tests.Core.Engine;

[Collection(RealDataCollection.Name)]
public sealed class EmbeddedEngineRealDataTests(RealData data)
{
    [Fact]
    public async Task RunAsync_IssueExample_WeeklyCasesEqualIndependentSums()
    {
        var table = await EngineHarness.RunAsync(Specs.IssueExample(), data.Cases2021);

        var states = new[] { "NY", "NYC", "NJ", "CA" };
        var expected = data.Cases2021Rows
            .Where(r => states.Contains(r.State) && r.Date >= new DateOnly(2020, 3, 2) && r.Date <= new DateOnly(2020, 9, 20))
            .GroupBy(r => (Week: Weeks.Monday(r.Date), r.State))
            .ToDictionary(g => g.Key, g => (Cases: g.Sum(r => r.NewCase ?? 0), Deaths: g.Sum(r => r.NewDeath ?? 0), Days: g.Count()));
        Assert.Equal(["period", "state", "cases", "deaths", "days", "cfr"], table.Columns.Select(c => c.Name));
        Assert.Equal(expected.Count, table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var key = (EngineHarness.Cell<DateOnly>(table, row, "period"), EngineHarness.Cell<string>(table, row, "state"));
            var (cases, deaths, days) = expected[key];
            Assert.Equal(cases, EngineHarness.Cell<long>(table, row, "cases"));
            Assert.Equal(deaths, EngineHarness.Cell<long>(table, row, "deaths"));
            Assert.Equal((long)days, EngineHarness.Cell<long>(table, row, "days"));
            var cfr = row[table.IndexOf("cfr")];
            if (cases == 0)
            {
                Assert.Null(cfr);
            }
            else
            {
                Assert.Equal((double)deaths / cases, (double)cfr!, 12);
            }
        }
        // Ordered by cases descending, ties by period then state.
        var casesColumn = table.Rows.Select(r => (long)r[table.IndexOf("cases")]!).ToList();
        Assert.Equal(casesColumn.OrderDescending(), casesColumn);
    }
}
