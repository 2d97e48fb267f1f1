using Covid.SparkJob.Planning;
using Covid.SparkJob.Results;
using Covid.SparkJob.Validation;
using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;

namespace Covid.Tests.Core.Engine;

/// <summary>nchs-provisional-deaths (r8kw-7aab) on the embedded engine against the CSV: its own MMWR weeks, suppressed counts, per-100k, the traps.</summary>
public sealed class NchsDeathsAggregateTests(CurrentDatasetsFixture data) : IClassFixture<CurrentDatasetsFixture>
{
    private static readonly Lazy<CdcTable> Csv = new(() => new CdcTable(CurrentCdcFiles.NchsDeaths));

    private static IEnumerable<string[]> Weeks => Csv.Value.Rows.Where(r => Csv.Value.Text(r, "Group") == "By Week");

    [Fact]
    public async Task Run_Epiweek_MmwrWeekEqualsTheFilesOwnColumn()
    {
        var own = Weeks.ToDictionary(r => (Csv.Value.Text(r, "State"), Csv.Value.Date(r, "Week Ending Date")!.Value.AddDays(-6)),
            r => (Week: Csv.Value.Long(r, "MMWR Week")!.Value, Year: Csv.Value.Text(r, "Year"), Deaths: Csv.Value.Long(r, "COVID-19 Deaths")));

        var table = await Run("""
            {"dataset": "nchs-provisional-deaths", "filters": [{"field": "group", "values": ["By Week"]}], "groupBy": ["state"], "timeBucket": "EPIWEEK",
             "metrics": [{"name": "deaths", "aggregation": "SUM", "field": "covid_19_deaths"}]}
            """);

        Assert.Equal(own.Count, table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var expected = own[((string)row[3]!, (DateOnly)row[0]!)];
            Assert.Equal(expected.Week, (long)row[2]!);
            // NCHS writes the year of a week spanning New Year as "2019/2020"; elsewhere it is the MMWR year.
            if (!expected.Year.Contains('/', StringComparison.Ordinal))
            {
                Assert.Equal(expected.Year, ((long)row[1]!).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            Assert.Equal(expected.Deaths, (long?)row[4]);
        }
    }

    [Fact]
    public async Task Run_YearlySumsByState_ReportSuppressedCellsAndPer100k()
    {
        var expected = Weeks.Where(r => Csv.Value.Date(r, "Week Ending Date")!.Value.Year == 2021)
            .GroupBy(r => Csv.Value.Text(r, "State"))
            .ToDictionary(g => g.Key, g => (Sum: g.Sum(r => Csv.Value.Long(r, "COVID-19 Deaths") ?? 0), Suppressed: g.LongCount(r => Csv.Value.Long(r, "COVID-19 Deaths") is null)));

        var table = await Run("""
            {"dataset": "nchs-provisional-deaths", "dateRange": {"start": "2021-01-01", "end": "2021-12-31"}, "groupBy": ["state"], "timeBucket": "YEAR",
             "metrics": [{"name": "deaths", "aggregation": "SUM", "field": "covid_19_deaths"}, {"name": "per_100k", "per100k": {"metric": "deaths"}}]}
            """);

        Assert.Equal(["period", "state", "deaths", "deaths_suppressed", "per_100k"], table.Columns.Select(c => c.Name));
        Assert.Equal(54, table.Rows.Count);
        Assert.Contains(expected.Values, e => e.Suppressed > 0);
        foreach (var row in table.Rows)
        {
            var state = (string)row[1]!;
            Assert.Equal(new DateOnly(2021, 1, 1), row[0]);
            Assert.Equal(expected[state].Sum, (long)row[2]!);
            Assert.Equal(expected[state].Suppressed, (long)row[3]!);
            // New York here excludes New York City, which the Census figure includes: no population for either.
            double? per100k = state switch
            {
                "New York" or "New York City" => null,
                "United States" => CensusFacts.Per100k(expected[state].Sum, CensusFacts.UnitedStates),
                _ => CensusFacts.Per100k(expected[state].Sum, CensusFacts.State(CensusFacts.PostalOf(state))),
            };
            Assert.Equal(per100k.HasValue, row[4] is not null);
            if (per100k is { } rate)
            {
                Assert.Equal(rate, (double)row[4]!, 9);
            }
        }
    }

    [Fact]
    public async Task Run_MonthlyDeathsOfStatesByWeekEnd_MatchCsv()
    {
        var expected = Weeks.Where(r => CensusFacts.StatesAndDc.Contains(CensusFacts.PostalOrEmpty(Csv.Value.Text(r, "State"))))
            .GroupBy(r => { var d = Csv.Value.Date(r, "Week Ending Date")!.Value; return new DateOnly(d.Year, d.Month, 1); })
            .ToDictionary(g => g.Key, g => g.Sum(r => Csv.Value.Long(r, "Total Deaths") ?? 0));

        var table = await Run("""
            {"dataset": "nchs-provisional-deaths", "dateRange": {"start": "2020-01-01", "end": "2023-12-31"}, "filters": [{"field": "geo_level", "values": ["state"]}], "timeBucket": "MONTH",
             "metrics": [{"name": "deaths", "aggregation": "SUM", "field": "total_deaths"}]}
            """);

        Assert.Equal(expected.Count, table.Rows.Count);
        Assert.All(table.Rows, row => Assert.Equal(expected[(DateOnly)row[0]!], (long)row[1]!));
    }

    [Fact]
    public void Plan_SumAcrossGroups_RefusedNamingTheLevelsAndHowToPickOne()
    {
        var error = Assert.Throws<SpecValidationException>(() => Plan("""
            {"dataset": "nchs-provisional-deaths", "groupBy": ["state"], "metrics": [{"name": "deaths", "aggregation": "SUM", "field": "covid_19_deaths"}]}
            """));

        var violation = Assert.Single(error.Violations);
        Assert.Contains("group rows of different levels", violation.Description, StringComparison.Ordinal);
        Assert.Contains("week: By Week, month: By Month, year: By Year, total: By Total", violation.Description, StringComparison.Ordinal);
        Assert.Contains("{\"field\": \"group\", \"values\": [\"By Week\"]}", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_DateRangeKeepsOnlyWeekRows_SoOnlyTheGeographyTrapRemains()
    {
        var error = Assert.Throws<SpecValidationException>(() => Plan("""
            {"dataset": "nchs-provisional-deaths", "dateRange": {"start": "2021-01-01", "end": "2021-12-31"}, "timeBucket": "EPIWEEK",
             "metrics": [{"name": "deaths", "aggregation": "SUM", "field": "covid_19_deaths"}]}
            """));

        var violation = Assert.Single(error.Violations);
        Assert.Contains("nation, state, city, territory", violation.Description, StringComparison.Ordinal);
        Assert.NotNull(Plan("""
            {"dataset": "nchs-provisional-deaths", "dateRange": {"start": "2021-01-01", "end": "2021-12-31"}, "timeBucket": "EPIWEEK",
             "filters": [{"field": "geo_level", "values": ["state", "city"]}], "metrics": [{"name": "deaths", "aggregation": "SUM", "field": "covid_19_deaths"}]}
            """));
    }

    private AnalysisPlan Plan(string json) => AnalysisPlanner.Plan(Specs.Parse(json), data.Lookup);

    private Task<ResultTable> Run(string json) => EngineHarness.RunAsync(Specs.Parse(json), data.Lookup);
}
