using Covid.SparkJob.Planning;
using Covid.SparkJob.Results;
using Covid.SparkJob.Validation;
using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;

namespace Covid.Tests.Core.Engine;

/// <summary>
/// cdc-weekly-cases-deaths-by-state (pwn4-m3yp), whose weeks run Thursday to Wednesday: NATIVE keeps
/// them (start_date..end_date), months and years take a week by its end day, and EPIWEEK, WEEK and
/// DAY are refused because they are other weeks or finer than the data.
/// </summary>
public sealed class WeeklyCasesAggregateTests(CurrentDatasetsFixture data) : IClassFixture<CurrentDatasetsFixture>
{
    private static readonly Lazy<CdcTable> Csv = new(() => new CdcTable(CurrentCdcFiles.WeeklyCases));

    [Fact]
    public async Task Run_Native_IsTheFilesOwnWeeks()
    {
        var expected = Csv.Value.Rows.Where(r => Csv.Value.Text(r, "state") == "TX")
            .ToDictionary(r => Csv.Value.Date(r, "start_date")!.Value, r => (End: Csv.Value.Date(r, "end_date")!.Value, Cases: Csv.Value.Long(r, "new_cases")!.Value));

        var table = await Run("""
            {"dataset": "cdc-weekly-cases-deaths-by-state", "filters": [{"field": "state", "values": ["TX"]}], "groupBy": ["state"], "timeBucket": "NATIVE",
             "metrics": [{"name": "cases", "aggregation": "SUM", "field": "new_cases"}, {"name": "total", "aggregation": "SUM", "field": "tot_cases"}]}
            """);

        Assert.Equal(["period", "period_end", "state", "cases", "total"], table.Columns.Select(c => c.Name));
        Assert.Equal(156, table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var start = (DateOnly)row[0]!;
            Assert.Equal(DayOfWeek.Thursday, start.DayOfWeek);
            Assert.Equal(expected[start].End, row[1]);
            Assert.Equal(expected[start].Cases, (long)row[3]!);
        }
    }

    [Fact]
    public async Task Run_MonthlyNationalDeathsByWeekEnd_MatchCsv()
    {
        var expected = Csv.Value.Rows
            .GroupBy(r => { var d = Csv.Value.Date(r, "end_date")!.Value; return new DateOnly(d.Year, d.Month, 1); })
            .ToDictionary(g => g.Key, g => g.Sum(r => Csv.Value.Long(r, "new_deaths")!.Value));

        // All 60 jurisdictions are states, territories or NYC (apart from NY): they add up without a filter.
        var table = await Run("""
            {"dataset": "cdc-weekly-cases-deaths-by-state", "timeBucket": "MONTH", "metrics": [{"name": "deaths", "aggregation": "SUM", "field": "new_deaths"}]}
            """);

        Assert.Equal(expected.Count, table.Rows.Count);
        Assert.All(table.Rows, row => Assert.Equal(expected[(DateOnly)row[0]!], (long)row[1]!));
    }

    [Fact]
    public async Task Run_YearlyCasesPer100k_UseCensusAndWithholdNewYork()
    {
        var expected = Csv.Value.Rows.Where(r => Csv.Value.Date(r, "end_date")!.Value.Year == 2022)
            .GroupBy(r => Csv.Value.Text(r, "state")).ToDictionary(g => g.Key, g => g.Sum(r => Csv.Value.Long(r, "new_cases")!.Value));

        var table = await Run("""
            {"dataset": "cdc-weekly-cases-deaths-by-state", "dateRange": {"start": "2022-01-01", "end": "2022-12-31"}, "groupBy": ["state"], "timeBucket": "YEAR",
             "metrics": [{"name": "cases", "aggregation": "SUM", "field": "new_cases"}, {"name": "per_100k", "per100k": {"metric": "cases"}}]}
            """);

        Assert.Equal(60, table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var state = (string)row[1]!;
            Assert.Equal(expected[state], (long)row[2]!);
            var known = state != "NY" && Covid.Tests.Support.Cdc.CensusCsv.PopEstimate2019.ContainsKey(state);
            Assert.Equal(known, row[3] is not null);
            if (known)
            {
                Assert.Equal(CensusFacts.Per100k(expected[state], CensusFacts.State(state)), (double)row[3]!, 9);
            }
        }
    }

    [Theory]
    [InlineData("EPIWEEK", "EPIWEEK means MMWR weeks (Sunday to Saturday), another week than the data's: cdc-weekly-cases-deaths-by-state's grain is weeks from Thursday to Wednesday; use NATIVE")]
    [InlineData("WEEK", "WEEK means ISO weeks (Monday to Sunday), another week than the data's")]
    [InlineData("DAY", "DAY is finer than the data: cdc-weekly-cases-deaths-by-state's grain is weeks from Thursday to Wednesday; use NATIVE for its weeks")]
    public void Plan_OtherWeeksOrFiner_RefusedNamingTheGrainAndNative(string bucket, string message)
    {
        var error = Assert.Throws<SpecValidationException>(() => AnalysisPlanner.Plan(Specs.Parse($$"""
            {"dataset": "cdc-weekly-cases-deaths-by-state", "timeBucket": "{{bucket}}", "metrics": [{"name": "cases", "aggregation": "SUM", "field": "new_cases"}]}
            """), data.Lookup));

        var violation = Assert.Single(error.Violations);
        Assert.Equal("spec.time_bucket", violation.Field);
        Assert.Contains(message, violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_CumulativeTotalOverMonths_RefusedSuggestingMax()
    {
        var error = Assert.Throws<SpecValidationException>(() => AnalysisPlanner.Plan(Specs.Parse("""
            {"dataset": "cdc-weekly-cases-deaths-by-state", "groupBy": ["state"], "timeBucket": "MONTH", "metrics": [{"name": "total", "aggregation": "SUM", "field": "tot_cases"}]}
            """), data.Lookup));

        Assert.Contains("use MAX (the latest total of each period), or time_bucket NATIVE", Assert.Single(error.Violations).Description, StringComparison.Ordinal);
    }

    private Task<ResultTable> Run(string json) => EngineHarness.RunAsync(Specs.Parse(json), data.Lookup);
}
