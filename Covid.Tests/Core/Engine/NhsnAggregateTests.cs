using Covid.SparkJob.Planning;
using Covid.SparkJob.Results;
using Covid.SparkJob.Validation;
using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;

namespace Covid.Tests.Core.Engine;

/// <summary>nhsn-hospital-respiratory (ua7e-t2fy) on the embedded engine against sums computed here from the CSV text.</summary>
public sealed class NhsnAggregateTests(CurrentDatasetsFixture data) : IClassFixture<CurrentDatasetsFixture>
{
    private static readonly Lazy<CdcTable> Csv = new(() => new CdcTable(CurrentCdcFiles.Nhsn));

    private static readonly HashSet<string> States = CensusFacts.StatesAndDc;

    [Fact]
    public async Task Run_EpiweekStatesTotal_MatchesCsvWithMmwrWeeks()
    {
        var expected = Csv.Value.Rows.Where(r => States.Contains(Csv.Value.Text(r, "jurisdiction")))
            .GroupBy(r => Csv.Value.Date(r, "weekendingdate")!.Value)
            .ToDictionary(g => g.Key.AddDays(-6), g => (Sum: g.Sum(r => Csv.Value.Long(r, "totalconfc19newadm") ?? 0), Any: g.Any(r => Csv.Value.Long(r, "totalconfc19newadm") is not null)));

        var table = await Run("""
            {"dataset": "nhsn-hospital-respiratory", "filters": [{"field": "geo_level", "values": ["state"]}], "timeBucket": "EPIWEEK",
             "metrics": [{"name": "admissions", "aggregation": "SUM", "field": "totalconfc19newadm"}]}
            """);

        Assert.Equal(["period", "mmwr_year", "mmwr_week", "admissions"], table.Columns.Select(c => c.Name));
        Assert.Equal(310, table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var sunday = (DateOnly)row[0]!;
            Assert.Equal(DayOfWeek.Sunday, sunday.DayOfWeek);
            Assert.Equal(Epiweeks.Of(sunday), ((int)(long)row[1]!, (int)(long)row[2]!));
            Assert.Equal(expected[sunday].Any ? expected[sunday].Sum : null, (long?)row[3]);
        }
    }

    [Fact]
    public async Task Run_RegionsPer100kForASeason_MatchCensusSumsOfMemberStates()
    {
        var expected = Csv.Value.Rows.Where(r => Csv.Value.Text(r, "jurisdiction").StartsWith("Region ", StringComparison.Ordinal)
                                                 && Epiweeks.Season(Csv.Value.Date(r, "weekendingdate")!.Value) == "2023-24")
            .GroupBy(r => int.Parse(Csv.Value.Text(r, "jurisdiction")[7..], System.Globalization.CultureInfo.InvariantCulture))
            .ToDictionary(g => "HHS" + g.Key, g => CensusFacts.Per100k(g.Sum(r => Csv.Value.Long(r, "totalconfc19newadm") ?? 0), CensusFacts.Region(g.Key)));

        var table = await Run("""
            {"dataset": "nhsn-hospital-respiratory", "filters": [{"field": "geo_level", "values": ["hhs_region"]}], "dateRange": {"start": "2023-10-01", "end": "2024-09-28"},
             "groupBy": ["jurisdiction"], "timeBucket": "SEASON",
             "metrics": [{"name": "admissions", "aggregation": "SUM", "field": "totalconfc19newadm"}, {"name": "per_100k", "per100k": {"metric": "admissions"}}]}
            """);

        Assert.Equal(10, table.Rows.Count);
        Assert.All(table.Rows, row =>
        {
            Assert.Equal("2023-24", row[table.IndexOf("season")]);
            Assert.Equal(new DateOnly(2023, 10, 1), row[0]);
            Assert.Equal(expected[(string)row[table.IndexOf("jurisdiction")]!], (double)row[table.IndexOf("per_100k")]!, 9);
        });
    }

    [Fact]
    public async Task Run_NationMonthlyFluByWeekEnd_MatchesCsvAndNationPer100k()
    {
        var expected = Csv.Value.Rows.Where(r => Csv.Value.Text(r, "jurisdiction") == "USA")
            .GroupBy(r => { var d = Csv.Value.Date(r, "weekendingdate")!.Value; return new DateOnly(d.Year, d.Month, 1); })
            .ToDictionary(g => g.Key, g => g.Sum(r => Csv.Value.Long(r, "totalconfflunewadm") ?? 0));

        var table = await Run("""
            {"dataset": "nhsn-hospital-respiratory", "filters": [{"field": "jurisdiction", "values": ["US"]}], "groupBy": ["jurisdiction"], "timeBucket": "MONTH",
             "metrics": [{"name": "flu", "aggregation": "SUM", "field": "totalconfflunewadm"}, {"name": "flu_per_100k", "per100k": {"metric": "flu"}}], "limit": 1000}
            """);

        Assert.Equal(expected.Count, table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var month = (DateOnly)row[0]!;
            Assert.Equal(expected[month], (long)row[2]!);
            Assert.Equal(CensusFacts.Per100k(expected[month], CensusFacts.UnitedStates), (double)row[3]!, 9);
        }
    }

    [Fact]
    public async Task Run_WeekOverWeekChange_MatchesCsvDifferences()
    {
        var weeks = Csv.Value.Rows.Where(r => Csv.Value.Text(r, "jurisdiction") == "CA")
            .ToDictionary(r => Csv.Value.Date(r, "weekendingdate")!.Value.AddDays(-6), r => Csv.Value.Long(r, "totalconfc19newadm"));

        var table = await Run("""
            {"dataset": "nhsn-hospital-respiratory", "filters": [{"field": "jurisdiction_raw", "values": ["CA"]}], "groupBy": ["jurisdiction_raw"], "timeBucket": "EPIWEEK",
             "metrics": [{"name": "admissions", "aggregation": "SUM", "field": "totalconfc19newadm"},
                         {"name": "change", "change": {"metric": "admissions"}}, {"name": "change_pct", "change": {"metric": "admissions", "percent": true}},
                         {"name": "change_4w", "change": {"metric": "admissions", "periods": 4}}], "limit": 1000}
            """);

        Assert.Equal(weeks.Count, table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var week = (DateOnly)row[0]!;
            long? now = weeks[week], before = weeks.GetValueOrDefault(week.AddDays(-7)), month = weeks.GetValueOrDefault(week.AddDays(-28));
            // The SUM of a week whose only cell is empty is null, as the grid leaves it.
            Assert.Equal(now is null || before is null ? null : (double)(now - before), (double?)row[table.IndexOf("change")]);
            Assert.Equal(now is null || before is null or 0 ? null : 100.0 * (now.Value - before.Value) / before.Value, (double?)row[table.IndexOf("change_pct")]);
            Assert.Equal(now is null || month is null ? null : (double)(now - month), (double?)row[table.IndexOf("change_4w")]);
        }
    }

    [Fact]
    public void Plan_SumOverAllRows_RefusedNamingTheOverlappingLevels()
    {
        var error = Assert.Throws<SpecValidationException>(() => AnalysisPlanner.Plan(Specs.Parse("""
            {"dataset": "nhsn-hospital-respiratory", "timeBucket": "EPIWEEK", "metrics": [{"name": "admissions", "aggregation": "SUM", "field": "totalconfc19newadm"}]}
            """), data.Lookup));

        var violation = Assert.Single(error.Violations);
        Assert.Equal("spec.metrics[0]", violation.Field);
        Assert.Contains("state, territory, nation, hhs_region", violation.Description, StringComparison.Ordinal);
        Assert.Contains("filter geo_level", violation.Description, StringComparison.Ordinal);
    }

    private Task<ResultTable> Run(string json) => EngineHarness.RunAsync(Specs.Parse(json), data.Lookup);
}
