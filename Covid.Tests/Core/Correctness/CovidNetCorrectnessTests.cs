using Covid.SparkJob.Catalog;
using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;

namespace Covid.Tests.Core.Correctness;

/// <summary>Specs over the real COVID-NET export, checked against values read here from the CSV text.</summary>
[Collection(RealDataCollection.Name)]
public sealed class CovidNetCorrectnessTests(RealData data)
{
    private static readonly Lazy<RealCsv> Csv = new(() => new RealCsv(RealData.CovidNetFile, titleLines: 2));

    private static bool Overall(string[] r) => Csv.Value.Text(r, "SEX") == "Overall" && Csv.Value.Text(r, "RACE") == "Overall";

    [Fact]
    public async Task Run_WeeklyRateByAgeForACatchment_MatchesCsv()
    {
        var start = new DateOnly(2020, 12, 1);
        var end = new DateOnly(2021, 2, 28);
        var expected = Csv.Value.Rows
            .Where(r => Csv.Value.Text(r, "CATCHMENT") == "Maryland" && Overall(r))
            .Select(r => (Row: r, End: MmwrWeekEnd.EndDate((int)Csv.Value.Long(r, "MMWR-YEAR"), (int)Csv.Value.Long(r, "MMWR-WEEK"))))
            .Where(x => x.End >= start && x.End <= end)
            .ToDictionary(x => (Csv.Value.Text(x.Row, "AGE CATEGORY"), x.End), x => Csv.Value.Double(x.Row, "WEEKLY RATE"));

        var table = await EngineHarness.RunAsync(Specs.Parse("""
            {"dataset": "cdc-covid-net", "dateRange": {"start": "2020-12-01", "end": "2021-02-28"},
             "filters": [{"field": "CATCHMENT", "values": ["Maryland"]}, {"field": "SEX", "values": ["Overall"]}, {"field": "RACE", "values": ["Overall"]}],
             "groupBy": ["AGE CATEGORY", "WEEK_END_DATE"],
             "metrics": [{"name": "rate", "aggregation": "MAX", "field": "WEEKLY RATE"}, {"name": "rows", "aggregation": "COUNT"}],
             "limit": 10000}
            """), data.Lookup);

        Assert.Equal(16 * 13, expected.Count);
        Assert.Equal(expected.Count, table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var key = (EngineHarness.Cell<string>(table, row, "AGE CATEGORY"), EngineHarness.Cell<DateOnly>(table, row, "WEEK_END_DATE"));
            Assert.Equal(expected[key], (double?)row[table.IndexOf("rate")]);
            Assert.Equal(1L, EngineHarness.Cell<long>(table, row, "rows"));
        }
    }

    [Fact]
    public async Task Run_NullRatesAreNotCounted_CumulativeMaxPerCatchment_MatchesCsv()
    {
        var expected = Csv.Value.Rows.Where(r => Csv.Value.Text(r, "AGE CATEGORY") == "Overall" && Overall(r))
            .GroupBy(r => Csv.Value.Text(r, "CATCHMENT") + "|" + Csv.Value.Text(r, "NETWORK"))
            .ToDictionary(g => g.Key, g => (
                Max: g.Max(r => Csv.Value.Double(r, "CUMULATIVE RATE")),
                Reported: g.LongCount(r => Csv.Value.Double(r, "WEEKLY RATE") is not null),
                All: g.LongCount()));

        var table = await EngineHarness.RunAsync(Specs.Parse("""
            {"dataset": "cdc-covid-net",
             "filters": [{"field": "AGE CATEGORY", "values": ["Overall"]}, {"field": "SEX", "values": ["Overall"]}, {"field": "RACE", "values": ["Overall"]}],
             "groupBy": ["CATCHMENT", "NETWORK"],
             "metrics": [{"name": "cumulative", "aggregation": "MAX", "field": "CUMULATIVE RATE"},
                         {"name": "reported", "aggregation": "COUNT", "field": "WEEKLY RATE"}, {"name": "weeks", "aggregation": "COUNT"}],
             "limit": 100}
            """), data.Lookup);

        Assert.Equal(17, table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var key = EngineHarness.Cell<string>(table, row, "CATCHMENT") + "|" + EngineHarness.Cell<string>(table, row, "NETWORK");
            Assert.Equal(expected[key].Max, EngineHarness.Cell<double>(table, row, "cumulative"));
            Assert.Equal(expected[key].Reported, EngineHarness.Cell<long>(table, row, "reported"));
            Assert.Equal(expected[key].All, EngineHarness.Cell<long>(table, row, "weeks"));
            Assert.True(expected[key].Reported < expected[key].All, "future weeks are null and must not be counted");
        }
    }

    [Fact]
    public async Task Run_MonthlyMeanWeeklyRateEntireNetwork_MatchesCsv()
    {
        var expected = Csv.Value.Rows
            .Where(r => Csv.Value.Text(r, "CATCHMENT") == "Entire Network" && Csv.Value.Text(r, "NETWORK") == "COVID-NET"
                && Csv.Value.Text(r, "AGE CATEGORY") == "65+ yr" && Overall(r) && Csv.Value.Double(r, "WEEKLY RATE") is not null)
            .GroupBy(r =>
            {
                var end = MmwrWeekEnd.EndDate((int)Csv.Value.Long(r, "MMWR-YEAR"), (int)Csv.Value.Long(r, "MMWR-WEEK"));
                return new DateOnly(end.Year, end.Month, 1);
            })
            .ToDictionary(g => g.Key, g => g.Average(r => Csv.Value.Double(r, "WEEKLY RATE")!.Value));

        var table = await EngineHarness.RunAsync(Specs.Parse("""
            {"dataset": "cdc-covid-net",
             "filters": [{"field": "CATCHMENT", "values": ["Entire Network"]}, {"field": "NETWORK", "values": ["COVID-NET"]},
                         {"field": "AGE CATEGORY", "values": ["65+ yr"]}, {"field": "SEX", "values": ["Overall"]}, {"field": "RACE", "values": ["Overall"]}],
             "timeBucket": "MONTH",
             "metrics": [{"name": "mean_rate", "aggregation": "MEAN", "field": "WEEKLY RATE"}], "limit": 100}
            """), data.Lookup);

        var withValues = table.Rows.Where(r => r[table.IndexOf("mean_rate")] is not null).ToList();
        Assert.Equal(expected.Count, withValues.Count);
        foreach (var row in withValues)
        {
            Assert.Equal(expected[EngineHarness.Cell<DateOnly>(table, row, "period")], EngineHarness.Cell<double>(table, row, "mean_rate"), 1e-9);
        }
    }
}
