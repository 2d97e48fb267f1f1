using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;

namespace Covid.Tests.Core.Correctness;

/// <summary>Specs over the real unsk-b7fc export, checked against sums and maxima computed here from the CSV text.</summary>
[Collection(RealDataCollection.Name)]
public sealed class VaccinationsCorrectnessTests(RealData data)
{
    private static readonly Lazy<RealCsv> Csv = new(() => new RealCsv(RealData.Vaccinations));

    [Fact]
    public async Task Run_SumAdministeredByLocationOverAWeek_RefusedAndMaxMatchesCsv()
    {
        var start = new DateOnly(2021, 5, 24);
        var end = new DateOnly(2021, 5, 30);
        var expected = Csv.Value.Rows.Where(r => Csv.Value.Date(r, "Date") >= start && Csv.Value.Date(r, "Date") <= end)
            .GroupBy(r => Csv.Value.Text(r, "Location"))
            .ToDictionary(g => g.Key, g => (Sum: g.Max(r => Csv.Value.Long(r, "Administered")), Days: g.LongCount()));
        const string Sum = """
            {"dataset": "cdc-vaccinations-jurisdiction", "dateRange": {"start": "2021-05-24", "end": "2021-05-30"},
             "groupBy": ["Location"],
             "metrics": [{"name": "administered", "aggregation": "SUM", "field": "Administered"}, {"name": "days", "aggregation": "COUNT"}],
             "limit": 1000}
            """;

        // Administered is a cumulative total: a week of daily totals does not add up to anything.
        var refused = Assert.Throws<Covid.SparkJob.Validation.SpecValidationException>(() => Covid.SparkJob.Planning.AnalysisPlanner.Plan(Specs.Parse(Sum), data.Lookup));
        Assert.Contains("'Administered' is a cumulative total", Assert.Single(refused.Violations).Description, StringComparison.Ordinal);
        var table = await EngineHarness.RunAsync(Specs.Parse(Sum.Replace("\"SUM\"", "\"MAX\"", StringComparison.Ordinal)), data.Lookup);

        Assert.Equal(66, expected.Count);
        Assert.Equal(expected.Count, table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var location = EngineHarness.Cell<string>(table, row, "Location");
            Assert.Equal(expected[location].Sum, EngineHarness.Cell<long>(table, row, "administered"));
            Assert.Equal(expected[location].Days, EngineHarness.Cell<long>(table, row, "days"));
        }
    }

    [Fact]
    public async Task Run_MaxPercentByMonth_MatchesCsv()
    {
        string[] places = ["NY", "CA", "US", "PR"];
        var expected = Csv.Value.Rows.Where(r => places.Contains(Csv.Value.Text(r, "Location")))
            .GroupBy(r => (Month: new DateOnly(Csv.Value.Date(r, "Date").Year, Csv.Value.Date(r, "Date").Month, 1), Location: Csv.Value.Text(r, "Location")))
            .ToDictionary(g => g.Key, g => (Pct: g.Max(r => Csv.Value.Double(r, "Series_Complete_Pop_Pct")!.Value), Dose1: g.Min(r => Csv.Value.Long(r, "Administered_Dose1_Recip"))));

        var table = await EngineHarness.RunAsync(Specs.Parse("""
            {"dataset": "cdc-vaccinations-jurisdiction", "filters": [{"field": "Location", "values": ["NY", "CA", "US", "PR"]}],
             "groupBy": ["Location"], "timeBucket": "MONTH",
             "metrics": [{"name": "pct", "aggregation": "MAX", "field": "Series_Complete_Pop_Pct"}, {"name": "dose1", "aggregation": "MIN", "field": "Administered_Dose1_Recip"}],
             "limit": 1000}
            """), data.Lookup);

        Assert.Equal(expected.Count, table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var key = (EngineHarness.Cell<DateOnly>(table, row, "period"), EngineHarness.Cell<string>(table, row, "Location"));
            Assert.Equal(expected[key].Pct, EngineHarness.Cell<double>(table, row, "pct"));
            Assert.Equal(expected[key].Dose1, EngineHarness.Cell<long>(table, row, "dose1"));
        }
        Assert.Contains(expected.Values, v => v.Pct > 40);
    }

    [Fact]
    public async Task Run_MeanPer100kByWeekForUs_MatchesCsv()
    {
        var expected = Csv.Value.Rows.Where(r => Csv.Value.Text(r, "Location") == "US")
            .GroupBy(r => Weeks.Monday(Csv.Value.Date(r, "Date")))
            .ToDictionary(g => g.Key, g => g.Average(r => Csv.Value.Double(r, "Admin_Per_100K")!.Value));

        var table = await EngineHarness.RunAsync(Specs.Parse("""
            {"dataset": "cdc-vaccinations-jurisdiction", "filters": [{"field": "Location", "values": ["US"]}], "timeBucket": "WEEK",
             "metrics": [{"name": "mean_rate", "aggregation": "MEAN", "field": "Admin_Per_100K"}], "limit": 1000}
            """), data.Lookup);

        Assert.Equal(expected.Count, table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var week = EngineHarness.Cell<DateOnly>(table, row, "period");
            Assert.Equal(DayOfWeek.Monday, week.DayOfWeek);
            Assert.Equal(expected[week], EngineHarness.Cell<double>(table, row, "mean_rate"), 1e-9);
        }
    }
}
