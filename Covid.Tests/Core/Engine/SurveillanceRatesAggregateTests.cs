using Covid.SparkJob.Planning;
using Covid.SparkJob.Results;
using Covid.SparkJob.Validation;
using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;

namespace Covid.Tests.Core.Engine;

/// <summary>
/// covid-net-rates (6jg4-xsqq) and resp-net-rates (kvib-3txy): rates per 100,000 of catchment
/// areas, by site and for the network. EPIWEEK weeks and SEASON labels are checked against the
/// files' own MMWR and Season columns; rates are never summed.
/// </summary>
public sealed class SurveillanceRatesAggregateTests(CurrentDatasetsFixture data) : IClassFixture<CurrentDatasetsFixture>
{
    private static readonly Lazy<CdcTable> CovidNet = new(() => new CdcTable(CurrentCdcFiles.CovidNetRates));
    private static readonly Lazy<CdcTable> RespNet = new(() => new CdcTable(CurrentCdcFiles.RespNet));

    private const string NetworkAll = """
        "filters": [{"field": "geo_level", "values": ["network"]}, {"field": "agecategory_legend", "values": ["All"]},
                    {"field": "sex_label", "values": ["All"]}, {"field": "race_label", "values": ["All"]}, {"field": "type", "values": ["Crude Rate"]}]
        """;

    [Fact]
    public async Task CovidNet_EpiweekNetworkRate_MatchesCsvWeeks()
    {
        var c = CovidNet.Value;
        var expected = c.Rows.Where(r => c.Text(r, "State") == "COVID-NET" && c.Text(r, "AgeCategory_Legend") == "All" && c.Text(r, "Sex_Label") == "All"
                                         && c.Text(r, "Race_Label") == "All" && c.Text(r, "Type") == "Crude Rate")
            .ToDictionary(r => c.Date(r, "_WeekendDate")!.Value.AddDays(-6), r => c.Double(r, "WeeklyRate"));

        var table = await Run($$"""{"dataset": "covid-net-rates", {{NetworkAll}}, "timeBucket": "EPIWEEK", "metrics": [{"name": "rate", "aggregation": "MAX", "field": "weeklyrate"}]}""");

        Assert.Equal(expected.Count, table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var sunday = (DateOnly)row[0]!;
            Assert.Equal(Epiweeks.Of(sunday), ((int)(long)row[1]!, (int)(long)row[2]!));
            Assert.Equal(expected[sunday], (double?)row[3]);
        }
    }

    [Fact]
    public async Task CovidNet_SeasonPeakBySite_UsesTheFilesSeasons()
    {
        var c = CovidNet.Value;
        var expected = c.Rows.Where(r => c.Text(r, "State") != "COVID-NET" && c.Text(r, "AgeCategory_Legend") == "All" && c.Text(r, "Sex_Label") == "All"
                                         && c.Text(r, "Race_Label") == "All" && c.Text(r, "Type") == "Crude Rate")
            .GroupBy(r => (c.Text(r, "State"), c.Text(r, "Season")))
            .ToDictionary(g => g.Key, g => (Peak: g.Max(r => c.Double(r, "WeeklyRate")), Weeks: g.LongCount()));

        var table = await Run("""
            {"dataset": "covid-net-rates", "filters": [{"field": "geo_level", "values": ["site"]}, {"field": "agecategory_legend", "values": ["All"]},
                {"field": "sex_label", "values": ["All"]}, {"field": "race_label", "values": ["All"]}, {"field": "type", "values": ["Crude Rate"]}],
             "groupBy": ["state"], "timeBucket": "SEASON",
             "metrics": [{"name": "peak", "aggregation": "MAX", "field": "weeklyrate"}, {"name": "weeks", "aggregation": "COUNT"}]}
            """);

        Assert.Equal(expected.Count, table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var key = ((string)row[2]!, (string)row[1]!);
            Assert.Equal(Epiweeks.SeasonStart((DateOnly)row[0]!), row[0]);
            Assert.Equal(expected[key].Peak, (double?)row[3]);
            Assert.Equal(expected[key].Weeks, (long)row[4]!);
        }
    }

    [Fact]
    public async Task CovidNet_MonthlyMeanRateByAge_MatchesCsv()
    {
        var c = CovidNet.Value;
        var expected = c.Rows.Where(r => c.Text(r, "State") == "COVID-NET" && c.Text(r, "Sex_Label") == "All" && c.Text(r, "Race_Label") == "All"
                                         && c.Text(r, "Type") == "Crude Rate" && c.Date(r, "_WeekendDate")!.Value.Year == 2024)
            .GroupBy(r => (c.Text(r, "AgeCategory_Legend"), new DateOnly(2024, c.Date(r, "_WeekendDate")!.Value.Month, 1)))
            .ToDictionary(g => g.Key, g => g.Average(r => c.Double(r, "WeeklyRate")!.Value));

        var table = await Run("""
            {"dataset": "covid-net-rates", "dateRange": {"start": "2024-01-01", "end": "2024-12-31"},
             "filters": [{"field": "geo_level", "values": ["network"]}, {"field": "sex_label", "values": ["All"]}, {"field": "race_label", "values": ["All"]}, {"field": "type", "values": ["Crude Rate"]}],
             "groupBy": ["agecategory_legend"], "timeBucket": "MONTH", "metrics": [{"name": "mean_rate", "aggregation": "MEAN", "field": "weeklyrate"}], "limit": 1000}
            """);

        Assert.Equal(expected.Count, table.Rows.Count);
        Assert.All(table.Rows, row => Assert.Equal(expected[((string)row[1]!, (DateOnly)row[0]!)], (double)row[2]!, 9));
    }

    [Fact]
    public async Task RespNet_Epiweek_MmwrYearAndWeekEqualTheFilesColumns()
    {
        var c = RespNet.Value;
        var expected = c.Rows.Where(r => c.Text(r, "Site") == "Overall" && c.Text(r, "Surveillance Network") == "COVID-NET" && c.Text(r, "Age group") == "Overall"
                                         && c.Text(r, "Sex") == "Overall" && c.Text(r, "Race/Ethnicity") == "Overall" && c.Text(r, "Type") == "Unadjusted Rate")
            .ToDictionary(r => c.Date(r, "Week Ending Date")!.Value.AddDays(-6), r => (c.Long(r, "MMWR Year")!.Value, c.Long(r, "MMWR Week")!.Value, c.Double(r, "Weekly Rate")));

        var table = await Run("""
            {"dataset": "resp-net-rates", "filters": [{"field": "site", "values": ["Overall"]}, {"field": "surveillance_network", "values": ["COVID-NET"]},
                {"field": "age_group", "values": ["Overall"]}, {"field": "sex", "values": ["Overall"]}, {"field": "race_ethnicity", "values": ["Overall"]}, {"field": "type", "values": ["Unadjusted Rate"]}],
             "timeBucket": "EPIWEEK", "metrics": [{"name": "rate", "aggregation": "MAX", "field": "weekly_rate"}]}
            """);

        Assert.Equal(expected.Count, table.Rows.Count);
        Assert.All(table.Rows, row => Assert.Equal(expected[(DateOnly)row[0]!], ((long)row[1]!, (long)row[2]!, (double?)row[3])));
    }

    [Fact]
    public async Task RespNet_SeasonCumulativeRateByNetwork_UsesTheFilesSeasons()
    {
        var c = RespNet.Value;
        var expected = c.Rows.Where(r => c.Text(r, "Site") == "Overall" && c.Text(r, "Age group") == "Overall" && c.Text(r, "Sex") == "Overall"
                                         && c.Text(r, "Race/Ethnicity") == "Overall" && c.Text(r, "Type") == "Unadjusted Rate")
            .GroupBy(r => (c.Text(r, "Surveillance Network"), c.Text(r, "Season")))
            .ToDictionary(g => g.Key, g => g.Max(r => c.Double(r, "Cumulative Rate")));

        var table = await Run("""
            {"dataset": "resp-net-rates", "filters": [{"field": "geo_level", "values": ["network"]}, {"field": "age_group", "values": ["Overall"]},
                {"field": "sex", "values": ["Overall"]}, {"field": "race_ethnicity", "values": ["Overall"]}, {"field": "type", "values": ["Unadjusted Rate"]}],
             "groupBy": ["surveillance_network"], "timeBucket": "SEASON", "metrics": [{"name": "cumulative", "aggregation": "MAX", "field": "cumulative_rate"}]}
            """);

        Assert.Equal(expected.Count, table.Rows.Count);
        Assert.All(table.Rows, row => Assert.Equal(expected[((string)row[2]!, (string)row[1]!)], (double?)row[3]));
    }

    [Fact]
    public async Task RespNet_YearlyMeanRateBySite_MatchesCsv()
    {
        var c = RespNet.Value;
        var expected = c.Rows.Where(r => c.Text(r, "Site") != "Overall" && c.Text(r, "Surveillance Network") == "FluSurv-NET" && c.Text(r, "Age group") == "Overall"
                                         && c.Text(r, "Sex") == "Overall" && c.Text(r, "Race/Ethnicity") == "Overall" && c.Text(r, "Type") == "Unadjusted Rate")
            .GroupBy(r => (c.Text(r, "Site"), new DateOnly(c.Date(r, "Week Ending Date")!.Value.Year, 1, 1)))
            .ToDictionary(g => g.Key, g => (Mean: g.Average(r => c.Double(r, "Weekly Rate")), Weeks: g.LongCount()));

        var table = await Run("""
            {"dataset": "resp-net-rates", "filters": [{"field": "geo_level", "values": ["site"]}, {"field": "surveillance_network", "values": ["FluSurv-NET"]},
                {"field": "age_group", "values": ["Overall"]}, {"field": "sex", "values": ["Overall"]}, {"field": "race_ethnicity", "values": ["Overall"]}, {"field": "type", "values": ["Unadjusted Rate"]}],
             "groupBy": ["site"], "timeBucket": "YEAR",
             "metrics": [{"name": "mean_rate", "aggregation": "MEAN", "field": "weekly_rate"}, {"name": "weeks", "aggregation": "COUNT"}], "limit": 1000}
            """);

        Assert.Equal(expected.Count, table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var key = ((string)row[1]!, (DateOnly)row[0]!);
            // MEAN ignores empty cells, as Average over nullable values does; COUNT counts every row.
            Assert.Equal(expected[key].Mean is null, row[2] is null);
            if (expected[key].Mean is { } mean)
            {
                Assert.Equal(mean, (double)row[2]!, 9);
            }
            Assert.Equal(expected[key].Weeks, (long)row[3]!);
        }
    }

    [Theory]
    [InlineData("covid-net-rates", "weeklyrate", "'weeklyrate' is a rate (hospitalizations per 100,000)")]
    [InlineData("resp-net-rates", "cumulative_rate", "'cumulative_rate' is a rate (hospitalizations per 100,000)")]
    public void Plan_SumOfARate_Refused(string dataset, string field, string message)
    {
        var error = Assert.Throws<SpecValidationException>(() => AnalysisPlanner.Plan(Specs.Parse($$"""
            {"dataset": "{{dataset}}", "filters": [{"field": "geo_level", "values": ["network"]}], "metrics": [{"name": "s", "aggregation": "SUM", "field": "{{field}}"}]}
            """), data.Lookup));

        Assert.Contains(message, Assert.Single(error.Violations).Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_CountOverSitesAndNetwork_Refused()
    {
        var error = Assert.Throws<SpecValidationException>(() => AnalysisPlanner.Plan(Specs.Parse("""
            {"dataset": "covid-net-rates", "metrics": [{"name": "rows", "aggregation": "COUNT"}]}
            """), data.Lookup));

        Assert.Contains("would add rows of network, site of covid-net-rates together", Assert.Single(error.Violations).Description, StringComparison.Ordinal);
    }

    private Task<ResultTable> Run(string json) => EngineHarness.RunAsync(Specs.Parse(json), data.Lookup);
}
