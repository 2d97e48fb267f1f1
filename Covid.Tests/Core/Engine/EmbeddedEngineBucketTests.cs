using Covid.SparkJob.Results;
using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;

namespace Covid.Tests.Core.Engine;

/// <summary>Time buckets and date-range edges on the real export, against sums computed by hand.</summary>
[Collection(RealDataCollection.Name)]
public sealed class EmbeddedEngineBucketTests(RealData data)
{
    [Fact]
    public async Task RunAsync_WeeklyCasesForFiveJurisdictions_EqualIndependentSumsForEveryWeek()
    {
        var states = new[] { "NY", "NYC", "CA", "TX", "PR" };
        var table = await Run("""
            {"dataset": "cdc-cases-deaths-by-state", "filters": [{"field": "state", "values": ["NY", "NYC", "CA", "TX", "PR"]}],
             "groupBy": ["state"], "timeBucket": "WEEK", "metrics": [{"name": "cases", "aggregation": "SUM", "field": "new_case"}]}
            """);

        var expected = data.Cases2021Rows.Where(r => states.Contains(r.State))
            .GroupBy(r => (Weeks.Monday(r.Date), r.State))
            .ToDictionary(g => g.Key, g => g.Sum(r => r.NewCase ?? 0));
        Assert.Equal(expected.Count, table.Rows.Count);
        Assert.Equal(5 * 71, table.Rows.Count); // 2020-01-20 .. 2021-05-24: 71 ISO weeks per jurisdiction
        foreach (var row in table.Rows)
        {
            var period = (DateOnly)row[0]!;
            Assert.Equal(DayOfWeek.Monday, period.DayOfWeek);
            Assert.Equal(expected[(period, (string)row[1]!)], (long)row[2]!);
        }
        // Spot checks a reader can verify in the file itself.
        Assert.Contains(table.Rows, r => (DateOnly)r[0]! == new DateOnly(2020, 4, 6) && (string)r[1]! == "NYC" && (long)r[2]! > 20_000);
        AssertSortedByPeriodThenState(table);
    }

    [Fact]
    public async Task RunAsync_RangeStartingAndEndingMidWeek_IncludesExactlyTheBoundaryDays()
    {
        // Wednesday 2020-07-15 .. Tuesday 2020-08-11: the first week holds Wed..Sun (5 days), the last Mon..Tue (2 days).
        var table = await Run("""
            {"dataset": "cdc-cases-deaths-by-state", "dateRange": {"start": "2020-07-15", "end": "2020-08-11"},
             "filters": [{"field": "state", "values": ["TX"]}], "timeBucket": "WEEK",
             "metrics": [{"name": "cases", "aggregation": "SUM", "field": "new_case"}, {"name": "days", "aggregation": "COUNT"}]}
            """);

        var inRange = data.Cases2021Rows.Where(r => r.State == "TX" && r.Date >= new DateOnly(2020, 7, 15) && r.Date <= new DateOnly(2020, 8, 11)).ToList();
        Assert.Equal(28, inRange.Count);
        Assert.Equal(
            [new DateOnly(2020, 7, 13), new DateOnly(2020, 7, 20), new DateOnly(2020, 7, 27), new DateOnly(2020, 8, 3), new DateOnly(2020, 8, 10)],
            table.Rows.Select(r => (DateOnly)r[0]!));
        Assert.Equal([5L, 7L, 7L, 7L, 2L], table.Rows.Select(r => (long)r[2]!));
        foreach (var row in table.Rows)
        {
            var monday = (DateOnly)row[0]!;
            Assert.Equal(inRange.Where(r => Weeks.Monday(r.Date) == monday).Sum(r => r.NewCase ?? 0), (long)row[1]!);
        }
    }

    [Fact]
    public async Task RunAsync_MonthBucket_EqualsIndependentMonthlySums()
    {
        var table = await Run("""
            {"dataset": "cdc-cases-deaths-by-state", "filters": [{"field": "state", "values": ["CA"]}], "timeBucket": "MONTH",
             "metrics": [{"name": "deaths", "aggregation": "SUM", "field": "new_death"}]}
            """);

        var expected = data.Cases2021Rows.Where(r => r.State == "CA").GroupBy(r => new DateOnly(r.Date.Year, r.Date.Month, 1))
            .OrderBy(g => g.Key).Select(g => ((object?)g.Key, (object?)g.Sum(r => r.NewDeath ?? 0))).ToList();
        Assert.Equal(17, expected.Count); // January 2020 .. May 2021
        Assert.Equal(expected, table.Rows.Select(r => (r[0], r[1])));
    }

    [Fact]
    public async Task RunAsync_DayBucket_ReturnsEachDaysValue()
    {
        var table = await Run("""
            {"dataset": "cdc-cases-deaths-by-state", "dateRange": {"start": "2020-12-25", "end": "2021-01-05"},
             "filters": [{"field": "state", "values": ["NYC"]}], "timeBucket": "DAY",
             "metrics": [{"name": "cases", "aggregation": "SUM", "field": "new_case"}]}
            """);

        var expected = data.Cases2021Rows.Where(r => r.State == "NYC" && r.Date >= new DateOnly(2020, 12, 25) && r.Date <= new DateOnly(2021, 1, 5))
            .OrderBy(r => r.Date).Select(r => ((object?)r.Date, (object?)r.NewCase)).ToList();
        Assert.Equal(12, expected.Count);
        Assert.Equal(expected, table.Rows.Select(r => (r[0], r[1])));
    }

    private static void AssertSortedByPeriodThenState(ResultTable table)
    {
        var keys = table.Rows.Select(r => ((DateOnly)r[0]!, (string)r[1]!)).ToList();
        Assert.Equal(keys.OrderBy(k => k.Item1).ThenBy(k => k.Item2, StringComparer.Ordinal), keys);
    }

    private Task<ResultTable> Run(string json) => EngineHarness.RunAsync(Specs.Parse(json), data.Cases2021);
}
