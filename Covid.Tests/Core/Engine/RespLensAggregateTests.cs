using System.Globalization;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Results;
using Covid.SparkJob.Validation;
using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;

namespace Covid.Tests.Core.Engine;

/// <summary>
/// resp-lens-positivity (ch5i-63ve): positivity of a group as sum(number_pos) / sum(number_tested),
/// EPIWEEK checked against the file's yyyyww weeks, SEASON against its season column, tests per
/// 100,000 for HHS regions and the nation, and both of its traps (National beside the regions,
/// All Ages beside the age groups).
/// </summary>
public sealed class RespLensAggregateTests(CurrentDatasetsFixture data) : IClassFixture<CurrentDatasetsFixture>
{
    private static readonly Lazy<CdcTable> Csv = new(() => new CdcTable(CurrentCdcFiles.RespLens));

    private static CdcTable C => Csv.Value;

    [Fact]
    public async Task Run_EpiweekNationalPositivity_IsARatioOfSumsOnTheFilesWeeks()
    {
        var expected = C.Rows.Where(r => C.Text(r, "region") == "National" && C.Text(r, "age_gp") == "All Ages")
            .ToDictionary(r => (C.Text(r, "virus"), C.Long(r, "week")!.Value), r => (double)C.Long(r, "number_pos")!.Value / C.Long(r, "number_tested")!.Value);

        var table = await Run("""
            {"dataset": "resp-lens-positivity", "filters": [{"field": "region", "values": ["National"]}, {"field": "age_gp", "values": ["All Ages"]}],
             "groupBy": ["virus"], "timeBucket": "EPIWEEK",
             "metrics": [{"name": "pos", "aggregation": "SUM", "field": "number_pos"}, {"name": "tested", "aggregation": "SUM", "field": "number_tested"},
                         {"name": "positivity", "ratio": {"numerator": "pos", "denominator": "tested"}}]}
            """);

        Assert.Equal(expected.Count, table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var week = (long)row[1]! * 100 + (long)row[2]!;
            Assert.Equal(expected[((string)row[3]!, week)], (double)row[6]!, 12);
        }
    }

    [Fact]
    public async Task Run_SeasonPositivityOverAgeGroups_MatchesCsvSeasons()
    {
        var groups = C.Rows.Where(r => C.Text(r, "virus") == "SARS-CoV-2" && C.Text(r, "age_gp") != "All Ages" && C.Text(r, "region") != "National")
            .GroupBy(r => (C.Text(r, "region"), C.Text(r, "season")))
            .ToDictionary(g => g.Key, g => (double)g.Sum(r => C.Long(r, "number_pos")!.Value) / g.Sum(r => C.Long(r, "number_tested")!.Value));

        var table = await Run("""
            {"dataset": "resp-lens-positivity", "filters": [{"field": "virus", "values": ["SARS-CoV-2"]}, {"field": "geo_level", "values": ["hhs_region"]},
                {"field": "age_gp", "values": ["0-4 years", "5-17 years", "18-24 years", "25-49 years", "50-64 years", "65+ years"]}],
             "groupBy": ["region"], "timeBucket": "SEASON",
             "metrics": [{"name": "pos", "aggregation": "SUM", "field": "number_pos"}, {"name": "tested", "aggregation": "SUM", "field": "number_tested"},
                         {"name": "positivity", "ratio": {"numerator": "pos", "denominator": "tested"}}]}
            """);

        Assert.Equal(groups.Count, table.Rows.Count);
        Assert.All(table.Rows, row => Assert.Equal(groups[((string)row[2]!, (string)row[1]!)], (double)row[5]!, 12));
    }

    [Fact]
    public async Task Run_TestsPer100kForRegionsAndNation_UseCensusSums()
    {
        var sums = C.Rows.Where(r => C.Text(r, "virus") == "RSV" && C.Text(r, "age_gp") == "All Ages" && C.Text(r, "season") == "2022-23")
            .GroupBy(r => C.Text(r, "region")).ToDictionary(g => g.Key, g => g.Sum(r => C.Long(r, "number_tested")!.Value));

        var table = await Run("""
            {"dataset": "resp-lens-positivity", "dateRange": {"start": "2022-10-02", "end": "2023-09-30"},
             "filters": [{"field": "virus", "values": ["RSV"]}, {"field": "age_gp", "values": ["All Ages"]}], "groupBy": ["jurisdiction"],
             "metrics": [{"name": "tested", "aggregation": "SUM", "field": "number_tested"}, {"name": "tested_per_100k", "per100k": {"metric": "tested"}}]}
            """);

        Assert.Equal(11, table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var code = (string)row[0]!;
            var region = code == "US" ? "National" : "Region " + code[3..];
            var residents = code == "US" ? CensusFacts.UnitedStates : CensusFacts.Region(int.Parse(code[3..], CultureInfo.InvariantCulture));
            Assert.Equal(sums[region], (long)row[1]!);
            Assert.Equal(CensusFacts.Per100k(sums[region], residents), (double)row[2]!, 9);
        }
    }

    [Fact]
    public void Plan_SumOverEveryRow_RefusedForBothTraps()
    {
        var error = Assert.Throws<SpecValidationException>(() => AnalysisPlanner.Plan(Specs.Parse("""
            {"dataset": "resp-lens-positivity", "groupBy": ["virus"], "timeBucket": "SEASON", "metrics": [{"name": "pos", "aggregation": "SUM", "field": "number_pos"}]}
            """), data.Lookup));

        Assert.Equal(2, error.Violations.Count);
        Assert.Contains(error.Violations, v => v.Description.Contains("would add rows of nation, hhs_region", StringComparison.Ordinal));
        Assert.Contains(error.Violations, v => v.Description.Contains("would add age_gp rows of different levels together (all ages: All Ages, age group: 0-4 years", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_SumOfPercents_RefusedPointingToTheRatio()
    {
        var error = Assert.Throws<SpecValidationException>(() => AnalysisPlanner.Plan(Specs.Parse("""
            {"dataset": "resp-lens-positivity", "groupBy": ["region", "age_gp"], "metrics": [{"name": "pct", "aggregation": "SUM", "field": "percent_pos"}]}
            """), data.Lookup));

        Assert.Contains("'percent_pos' is a percent: a sum of it means nothing; use MEAN, MIN or MAX, or a ratio of two SUMs", Assert.Single(error.Violations).Description, StringComparison.Ordinal);
    }

    private Task<ResultTable> Run(string json) => EngineHarness.RunAsync(Specs.Parse(json), data.Lookup);
}
