using System.Globalization;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;
using Covid.SparkJob.Samples;
using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;

namespace Covid.Tests.Core.Correctness;

/// <summary>
/// Specs over generated case-surveillance rows (no real extract exists for us), checked against
/// counts computed here from the same CSV text, on both the Parquet copy and the CSV in place.
/// </summary>
public sealed class CaseSurveillanceCorrectnessTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private List<string[]> _rows = null!;
    private TestDatasets _parquet = null!;
    private TestDatasets _inPlace = null!;

    public async Task InitializeAsync()
    {
        var csv = _dir.File("cases.csv");
        var text = GeneratedRows.Text(60_000, 11);
        await File.WriteAllTextAsync(csv, text);
        _rows = GeneratedRows.Parse(text);
        _parquet = new TestDatasets(await DatasetIngestor.IngestAsync(TestSchemas.CaseSurveillanceName, TestSchemas.CaseSurveillance, csv, _dir.File("cases.parquet"), "generated", true, CancellationToken.None));
        _inPlace = new TestDatasets(InPlaceCsv.Register(TestSchemas.CaseSurveillanceName, TestSchemas.CaseSurveillance, csv, "generated", true));
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }

    private static DateOnly Day(string cell) => DateOnly.ParseExact(cell, TestSchemas.CaseSurveillanceDateFormat, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_DeathsByAgeGroupIn2021_MatchesCsv(bool inPlace)
    {
        var expected = _rows.Where(r => r[10] == "Yes" && Day(r[0]).Year == 2021).GroupBy(r => r[6]).ToDictionary(g => g.Key, g => g.LongCount());

        var table = await EngineHarness.RunAsync(Specs.Parse("""
            {"dataset": "cdc-case-surveillance", "dateRange": {"start": "2021-01-01", "end": "2021-12-31"},
             "filters": [{"field": "death_yn", "values": ["Yes"]}], "groupBy": ["age_group"],
             "metrics": [{"name": "deaths", "aggregation": "COUNT"}, {"name": "with_onset", "aggregation": "COUNT", "field": "onset_dt"}]}
            """), inPlace ? _inPlace : _parquet);

        Assert.Equal(expected.Count, table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var age = EngineHarness.Cell<string>(table, row, "age_group");
            Assert.Equal(expected[age], EngineHarness.Cell<long>(table, row, "deaths"));
            Assert.Equal(_rows.LongCount(r => r[10] == "Yes" && Day(r[0]).Year == 2021 && r[6] == age && r[3].Length > 0), EngineHarness.Cell<long>(table, row, "with_onset"));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_MonthlyCasesWithMissingAndUnknownKept_MatchesCsv(bool inPlace)
    {
        var expected = _rows.Where(r => r[8] is "Missing" or "Unknown")
            .GroupBy(r => (new DateOnly(Day(r[0]).Year, Day(r[0]).Month, 1), r[8]))
            .ToDictionary(g => g.Key, g => (Cases: g.LongCount(), Specimens: g.LongCount(r => r[2].Length > 0)));

        var table = await EngineHarness.RunAsync(Specs.Parse("""
            {"dataset": "cdc-case-surveillance", "filters": [{"field": "hosp_yn", "values": ["Missing", "Unknown"]}],
             "groupBy": ["hosp_yn"], "timeBucket": "MONTH",
             "metrics": [{"name": "cases", "aggregation": "COUNT"}, {"name": "specimens", "aggregation": "COUNT", "field": "pos_spec_dt"}],
             "limit": 10000}
            """), inPlace ? _inPlace : _parquet);

        Assert.Equal(expected.Count, table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var key = (EngineHarness.Cell<DateOnly>(table, row, "period"), EngineHarness.Cell<string>(table, row, "hosp_yn"));
            Assert.Equal(expected[key].Cases, EngineHarness.Cell<long>(table, row, "cases"));
            Assert.Equal(expected[key].Specimens, EngineHarness.Cell<long>(table, row, "specimens"));
        }
    }
}
