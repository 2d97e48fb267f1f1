using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Samples;
using Covid.SparkJob.Sql;
using Covid.Tests.Support;
using Covid.Tests.Support.Reference;
using Covid.V1;
using Google.Protobuf;

namespace Covid.Tests.Core.Correctness;

/// <summary>
/// Case-fatality and hospitalization rates by age group as ONE spec over vbim-akqf rows: two
/// conditional counts and their ratios. No real extract exists, so the rows are written here in
/// CDC's layout (YYYY/MM/DD, "Missing"/"Unknown" as values) and counted independently.
/// </summary>
public sealed class CaseSurveillanceRatesTests
{
    internal const string Json = """
        {"dataset": "cdc-case-surveillance", "groupBy": ["age_group"],
         "metrics": [{"name": "cases", "aggregation": "COUNT"},
                     {"name": "deaths", "aggregation": "COUNT", "where": [{"field": "death_yn", "values": ["Yes"]}]},
                     {"name": "hospitalized", "aggregation": "COUNT", "where": [{"field": "hosp_yn", "values": ["Yes"]}]},
                     {"name": "cfr", "ratio": {"numerator": "deaths", "denominator": "cases"}},
                     {"name": "hosp_rate", "ratio": {"numerator": "hospitalized", "denominator": "cases"}}],
         "orderBy": [{"column": "age_group"}]}
        """;

    private static readonly string[] Ages = ["0 - 9 Years", "20 - 29 Years", "50 - 59 Years", "80+ Years", "Missing"];
    private static readonly string[] YesNo = ["Yes", "No", "No", "Unknown", "Missing", "No", "No"];

    [Fact]
    public async Task RunAsync_CfrAndHospitalizationByAgeGroup_EqualIndependentCounts()
    {
        using var dir = new TempDirectory("covid-cs-");
        var rows = Enumerable.Range(0, 700).Select(i => (Age: Ages[i % Ages.Length], Death: YesNo[i * 7 / 5 % YesNo.Length], Hosp: YesNo[(i / 3) % YesNo.Length])).ToList();
        var header = string.Join(',', TestSchemas.CaseSurveillance.CsvFields.Select(f => f.HeaderName));
        var lines = rows.Select((r, i) =>
            $"2020/11/{1 + i % 28:D2},,2020/11/{1 + i % 28:D2},,Laboratory-confirmed case,Female,{r.Age},\"Black, Non-Hispanic\",{r.Hosp},Missing,{r.Death},Missing");
        var csv = dir.File("cs.csv");
        await File.WriteAllLinesAsync(csv, [header, .. lines]);
        var info = await DatasetIngestor.IngestAsync(TestSchemas.CaseSurveillanceName, TestSchemas.CaseSurveillance, csv, dir.File("data.parquet"), "test", true, CancellationToken.None);

        var table = await EngineHarness.RunAsync(JsonParser.Default.Parse<AnalysisSpec>(Json), new TestDatasets(info));

        var expected = rows.GroupBy(r => r.Age).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            long n = g.Count(), d = g.Count(r => r.Death == "Yes"), h = g.Count(r => r.Hosp == "Yes");
            return new object?[] { g.Key, n, d, h, (double)d / n, (double)h / n };
        }).ToList();
        AssertTables.Equal(["age_group", "cases", "deaths", "hospitalized", "cfr", "hosp_rate"], expected, table);
        Assert.Contains(expected, r => (long)r[2]! > 0);
    }

    [Fact]
    public void Build_CfrByAgeGroup_BothDialectsUseAggregateFilter()
    {
        var info = new DatasetInfo(TestSchemas.CaseSurveillanceName, TestSchemas.CaseSurveillance, "/d.parquet", "/d.csv", "test", true, 0, 0, null, null, DateTimeOffset.UnixEpoch);
        var plan = AnalysisPlanner.Plan(JsonParser.Default.Parse<AnalysisSpec>(Json), new TestDatasets(info));

        var duck = DuckDbDialect.Build(plan);
        var spark = SparkSqlDialect.Build(plan, "/out");

        Assert.Contains("COUNT(*) FILTER (WHERE \"death_yn\" IN ($", duck.Sql, StringComparison.Ordinal);
        Assert.Contains("COUNT(*) FILTER (WHERE `death_yn` IN ('Yes'))", spark, StringComparison.Ordinal);
        Assert.Contains("Yes", duck.Parameters);
    }
}
