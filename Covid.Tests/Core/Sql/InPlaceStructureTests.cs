using Covid.SparkJob.Ingestion;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Sql;
using Covid.Tests.Support;

namespace Covid.Tests.Core.Sql;

/// <summary>
/// Which CSV files read in place both engines refuse, on the real 9mfq-cb36 export with one line
/// changed. Spark reads one record per line (multiLine off) and, with column pruning and CSV filter
/// pushdown off, checks every row's cell count (FAILFAST); DuckDB refuses the same rows, also where
/// the analysis reads neither the row nor the column.
/// </summary>
public sealed class InPlaceStructureTests : IDisposable
{
    /// <summary>Reads new_case of NY only: the broken row (Colorado's) is one its filter drops.</summary>
    private const string NewYorkCases = """
        {"dataset": "D", "filters": [{"field": "state", "values": ["NY"]}], "metrics": [{"name": "cases", "aggregation": "SUM", "field": "new_case"}]}
        """;

    /// <summary>Colorado's second day with a quoted line break in consent_deaths, a column the analysis never reads.</summary>
    private const string QuotedLineBreak = "01/23/2020,CO,0,,,0,,0,,,0,,03/26/2020 04:22:39 PM,Agree,\"Agr\nee\"";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, string> Refused() => new()
    {
        { "quoted line break", QuotedLineBreak },
        { "quoted carriage return", "01/23/2020,CO,0,,,0,,0,,,0,,03/26/2020 04:22:39 PM,Agree,\"Agr\ree\"" },
        { "short row", "01/23/2020,CO,0,,,0,,0,,,0,,03/26/2020 04:22:39 PM,Agree" },
        { "long row", "01/23/2020,CO,0,,,0,,0,,,0,,03/26/2020 04:22:39 PM,Agree,Agree,extra" },
        { "quote left open", "01/23/2020,CO,0,,,0,,0,,,0,,03/26/2020 04:22:39 PM,Agree,\"Agree" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Run_BrokenLineInARowTheFilterDrops_IsRefused(string what, string line)
    {
        var dataset = InPlaceCsv.Register("D", TestSchemas.CasesDeaths, WithLine(2, line), "test", synthetic: false);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => EngineHarness.RunAsync(Specs.Parse(NewYorkCases), new TestDatasets(dataset)));

        Assert.False(error is TimeoutException or OperationCanceledException, what);
    }

    [Fact]
    public async Task Run_QuotedLineBreak_MessageSaysOneRecordPerLine()
    {
        var dataset = InPlaceCsv.Register("D", TestSchemas.CasesDeaths, WithLine(2, QuotedLineBreak), "test", synthetic: false);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => EngineHarness.RunAsync(Specs.Parse(NewYorkCases), new TestDatasets(dataset)));

        Assert.Contains("a quoted cell holds a line break, and a CSV read in place must hold one record per line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_CountOnlyReadsNoColumn_StillRefusesAQuotedLineBreak()
    {
        var dataset = InPlaceCsv.Register("D", TestSchemas.CasesDeaths, WithLine(2, QuotedLineBreak), "test", synthetic: false);

        await Assert.ThrowsAnyAsync<Exception>(() => EngineHarness.RunAsync(
            Specs.Parse("""{"dataset": "D", "metrics": [{"name": "rows", "aggregation": "COUNT"}]}"""), new TestDatasets(dataset)));
    }

    [Fact]
    public async Task Run_BlankLineAndCrLfEndings_ReadAsTheFileWithout()
    {
        var original = CdcFiles.Get(CdcFiles.CasesDeaths2020);
        var lines = File.ReadAllLines(original).ToList();
        lines.Insert(2, "");
        var crlf = _dir.File("crlf.csv");
        File.WriteAllText(crlf, string.Join("\r\n", lines) + "\r\n");
        var expected = await EngineHarness.RunAsync(Specs.Parse(NewYorkCases), new TestDatasets(InPlaceCsv.Register("D", TestSchemas.CasesDeaths, original, "test", false)));

        var actual = await EngineHarness.RunAsync(Specs.Parse(NewYorkCases), new TestDatasets(InPlaceCsv.Register("D", TestSchemas.CasesDeaths, crlf, "test", false)));

        Assert.Equal(expected.Rows.Single(), actual.Rows.Single());
    }

    [Fact]
    public void Build_CsvInPlace_SparkReadsOneRecordPerLineAndChecksEveryCell()
    {
        var dataset = InPlaceCsv.Register("D", TestSchemas.CasesDeaths, CdcFiles.Get(CdcFiles.CasesDeaths2020), "test", synthetic: false);
        var script = SparkSqlDialect.Build(AnalysisPlanner.Plan(Specs.Parse(NewYorkCases), new TestDatasets(dataset)), "/data/out");

        Assert.Contains("nullValue '', multiLine 'false', mode 'FAILFAST')", script, StringComparison.Ordinal);
        Assert.Contains("SET spark.sql.csv.parser.columnPruning.enabled=false;\n", script, StringComparison.Ordinal);
        Assert.Contains("SET spark.sql.csv.filterPushdown.enabled=false;\n", script, StringComparison.Ordinal);
        // Before the view statements, so every statement that reads the file runs under them.
        Assert.True(script.IndexOf("SET spark.sql.csv", StringComparison.Ordinal) < script.IndexOf("CREATE", StringComparison.Ordinal));
    }

    /// <summary>The 2020 export with its line <paramref name="index"/> (0 = header) replaced.</summary>
    private string WithLine(int index, string line)
    {
        var lines = File.ReadAllLines(CdcFiles.Get(CdcFiles.CasesDeaths2020));
        lines[index] = line;
        var path = _dir.File($"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }
}
