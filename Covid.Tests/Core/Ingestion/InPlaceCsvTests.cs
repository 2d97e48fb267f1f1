using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Sql;
using Covid.SparkJob.Ingestion;
using Covid.SparkJob.Results;
using Covid.SparkJob.Samples;
using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;

namespace Covid.Tests.Core.Ingestion;

/// <summary>A CSV registered in place gives the same results as its Parquet copy, and bad cells fail clearly.</summary>
[Collection(RealDataCollection.Name)]
public sealed class InPlaceCsvTests(RealData data) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> CasesSpecs() =>
    [
        """{"dataset": "D", "groupBy": ["state"], "timeBucket": "WEEK", "metrics": [{"name": "cases", "aggregation": "SUM", "field": "new_case"}, {"name": "deaths", "aggregation": "SUM", "field": "new_death"}, {"name": "cfr", "ratio": {"numerator": "deaths", "denominator": "cases"}}], "limit": 100000}""",
        """{"dataset": "D", "dateRange": {"start": "2020-06-01", "end": "2020-08-31"}, "filters": [{"field": "state", "values": ["NY", "NYC", "TX"]}], "groupBy": ["state"], "metrics": [{"name": "max_total", "aggregation": "MAX", "field": "tot_cases"}, {"name": "mean_new", "aggregation": "MEAN", "field": "new_case"}, {"name": "days", "aggregation": "COUNT"}]}""",
        """{"dataset": "D", "filters": [{"field": "consent_cases", "values": ["", "N/A"]}], "groupBy": ["consent_cases"], "timeBucket": "MONTH", "metrics": [{"name": "probable", "aggregation": "SUM", "field": "pnew_case"}, {"name": "reported", "aggregation": "COUNT", "field": "prob_cases"}, {"name": "min_new", "aggregation": "MIN", "field": "new_case"}], "limit": 10000}""",
    ];

    [Theory]
    [MemberData(nameof(CasesSpecs))]
    public async Task Run_CasesInPlace_SameAsParquet(string spec)
    {
        var parquet = await DatasetIngestor.IngestAsync("D", TestSchemas.CasesDeaths, CdcFiles.Get(CdcFiles.CasesDeaths2021), _dir.File("d.parquet"), "t", false, CancellationToken.None);
        var inPlace = InPlaceCsv.Register("D", TestSchemas.CasesDeaths, CdcFiles.Get(CdcFiles.CasesDeaths2021), "t", false);

        var expected = await EngineHarness.RunAsync(Specs.Parse(spec), new TestDatasets(parquet));
        var actual = await EngineHarness.RunAsync(Specs.Parse(spec), new TestDatasets(inPlace));

        AssertSame(expected, actual);
        Assert.NotEmpty(actual.Rows);
    }

    [Fact]
    public async Task Run_VaccinationsInPlace_SameAsParquet()
    {
        const string spec = """{"dataset": "cdc-vaccinations-jurisdiction", "groupBy": ["Location"], "timeBucket": "MONTH", "metrics": [{"name": "doses", "aggregation": "MAX", "field": "Administered"}, {"name": "pct", "aggregation": "MAX", "field": "Series_Complete_Pop_Pct"}], "limit": 10000}""";
        var inPlace = InPlaceCsv.Register(TestSchemas.VaccinationsName, TestSchemas.Vaccinations, CdcFiles.Get(RealData.Vaccinations), "t", false);

        var expected = await EngineHarness.RunAsync(Specs.Parse(spec), new TestDatasets(data.VaccinationsInfo));
        var actual = await EngineHarness.RunAsync(Specs.Parse(spec), new TestDatasets(inPlace));

        AssertSame(expected, actual);
        Assert.Equal(66 * 6, actual.Rows.Count);
    }

    [Fact]
    public async Task Run_InPlaceCellThatDoesNotConvert_FailsNamingColumnAndText()
    {
        var lines = File.ReadAllLines(CdcFiles.Get(CdcFiles.CasesDeaths2020));
        var cells = lines[500].Split(',');
        cells[5] = "12x";
        lines[500] = string.Join(',', cells);
        var csv = _dir.File("bad.csv");
        await File.WriteAllLinesAsync(csv, lines);
        var inPlace = InPlaceCsv.Register("D", TestSchemas.CasesDeaths, csv, "t", false);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => EngineHarness.RunAsync(Specs.Parse(
            """{"dataset": "D", "metrics": [{"name": "cases", "aggregation": "SUM", "field": "new_case"}]}"""), new TestDatasets(inPlace)));

        Assert.Contains("column new_case: '12x' is not an integer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_InPlacePathWithQuotes_ReadsTheFile()
    {
        var dir = Directory.CreateDirectory(_dir.File("it's \"here\"; --")).FullName;
        var csv = Path.Combine(dir, "cases.csv");
        File.Copy(CdcFiles.Get(CdcFiles.CasesDeaths2020), csv);
        var inPlace = InPlaceCsv.Register("D", TestSchemas.CasesDeaths, csv, "t", false);

        var table = await EngineHarness.RunAsync(Specs.Parse(
            """{"dataset": "D", "metrics": [{"name": "rows", "aggregation": "COUNT"}]}"""), new TestDatasets(inPlace));

        Assert.Equal(14_760L, table.Rows.Single()[0]);
        Assert.Contains("read_csv('" + dir.Replace("'", "''", StringComparison.Ordinal), DuckDbSource.For(inPlace), StringComparison.Ordinal);
    }

    [Fact]
    public void Register_WrongHeader_FailsOnLine1()
    {
        var error = Assert.Throws<DatasetFormatException>(() =>
            InPlaceCsv.Register("D", TestSchemas.CaseSurveillance, CdcFiles.Get(CdcFiles.CasesDeaths2020), "t", false));

        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Register_CovidNet_RefusedBecauseOfItsFooter() =>
        Assert.Throws<ArgumentException>(() => InPlaceCsv.Register("D", TestSchemas.CovidNet, CdcFiles.Get(RealData.CovidNetFile), "t", false));

    [Fact]
    public void Register_SmallFile_CountsRowsExactly_LargeFileEstimatesClosely()
    {
        var small = InPlaceCsv.Register("D", TestSchemas.Vaccinations, CdcFiles.Get(RealData.Vaccinations), "t", false);
        var large = InPlaceCsv.Register("D", TestSchemas.CasesDeaths, CdcFiles.Get(CdcFiles.CasesDeaths2021), "t", false);

        // 3.1 MB and 2.4 MB: both above the 1 MiB sample, so both are estimates within 2%.
        Assert.InRange(small.RowCount, 11_056 * 0.98, 11_056 * 1.02);
        Assert.InRange(large.RowCount, 29_700 * 0.98, 29_700 * 1.02);
        var tiny = _dir.File("tiny.csv");
        File.WriteAllLines(tiny, File.ReadLines(CdcFiles.Get(CdcFiles.CasesDeaths2020)).Take(101));
        Assert.Equal(100, InPlaceCsv.Register("D", TestSchemas.CasesDeaths, tiny, "t", false).RowCount);
    }

    private static void AssertSame(ResultTable expected, ResultTable actual)
    {
        Assert.Equal(expected.Columns, actual.Columns);
        Assert.Equal(expected.Rows.Count, actual.Rows.Count);
        for (var i = 0; i < expected.Rows.Count; i++)
        {
            Assert.Equal(expected.Rows[i], actual.Rows[i]);
        }
    }
}
