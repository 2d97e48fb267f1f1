using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;
using Covid.Tests.Support;

namespace Covid.Tests.Core.Ingestion;

/// <summary>
/// The intake with a <see cref="ConversionTarget"/>, as the server runs it: DuckDB converts the
/// checked lines from a pipe while they still arrive, no plain copy of them is written, and a bad
/// line stops the conversion before the caller deletes the directory.
/// </summary>
public sealed class PipedIntakeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("cdc-cases-deaths-by-state", CdcFiles.CasesDeaths2020)]
    [InlineData("cdc-covid-net", "cdc_covidnet_hospitalization_rates_2021-11-12.csv")]
    [InlineData("resp-lens-positivity", CurrentCdcFiles.RespLens)]
    public async Task Intake_WithTarget_ConvertsWhileTheLinesArriveAndKeepsNoPlainCopy(string schemaName, string file)
    {
        var schema = SchemaCatalog.BuiltIn.Get(schemaName);
        var bytes = await File.ReadAllBytesAsync(CdcFiles.Get(file));
        var whole = new CsvCheck(schema, CsvLimits.Default, body: null);
        whole.Append(bytes);
        var expected = whole.Complete();
        var parquet = _dir.File("data.parquet");

        using var intake = CsvIntake.Create(_dir.Path, schema, CsvLimits.Default, OriginalCompression.Zstd, new ConversionTarget(parquet, "128MB"));
        for (var at = 0; at < bytes.Length; at += 50_000)
        {
            intake.Write(bytes.AsSpan(at, Math.Min(50_000, bytes.Length - at)));
        }

        Assert.NotNull(intake.Conversion);
        Assert.False(File.Exists(_dir.File(CsvIntake.BodyFile)), "the lines go to DuckDB through the pipe, not to a file");
        var statistics = intake.Complete();
        var info = await DatasetIngestor.IngestAsync("test", schema, intake, statistics, parquet, "test", false, CancellationToken.None);
        Assert.Equal(expected.Rows, info.RowCount);
        Assert.Equal((expected.MinDate, expected.MaxDate), (info.MinDate, info.MaxDate));
        Assert.Equal(["data.parquet", "original.csv.zst"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("cdc-cases-deaths-by-state", CdcFiles.CasesDeaths2021, 7_000)]
    [InlineData("covid-net-rates", CurrentCdcFiles.CovidNetRates, 65_536)]
    public async Task Intake_WithTarget_LinesDealtToEveryPipe_SameRowsAsConvertingTheFile(string schemaName, string file, int chunk)
    {
        // Files of several pieces (1 MB each), so every pipe DuckDB reads gets lines, in chunks that split lines.
        var schema = SchemaCatalog.BuiltIn.Get(schemaName);
        var bytes = await File.ReadAllBytesAsync(CdcFiles.Get(file));
        Assert.True(bytes.Length > 2 << 20, "the file spans more pieces than there are pipes");
        var piped = Directory.CreateDirectory(_dir.File("piped")).FullName;
        var plain = Directory.CreateDirectory(_dir.File("plain")).FullName;

        using (var intake = CsvIntake.Create(piped, schema, CsvLimits.Default, OriginalCompression.Discard, new ConversionTarget(Path.Combine(piped, "data.parquet"), "128MB")))
        {
            for (var at = 0; at < bytes.Length; at += chunk)
            {
                intake.Write(bytes.AsSpan(at, Math.Min(chunk, bytes.Length - at)));
            }
            await DatasetIngestor.IngestAsync("test", schema, intake, intake.Complete(), Path.Combine(piped, "data.parquet"), "test", false, CancellationToken.None);
        }
        using (var intake = CsvIntake.Create(plain, schema, CsvLimits.Default, OriginalCompression.Discard))
        {
            intake.Write(bytes);
            await DatasetIngestor.IngestAsync("test", schema, intake, intake.Complete(), Path.Combine(plain, "data.parquet"), "test", false, CancellationToken.None);
        }

        Assert.Equal(RowsDigest(Path.Combine(plain, "data.parquet")), RowsDigest(Path.Combine(piped, "data.parquet")));
    }

    [Theory]
    [InlineData("a,b\n1,2\n", 4)]
    [InlineData("\"a\nb\",\"c\"\"\"\n1,2\n", 12)]
    [InlineData("a,b", 3)]
    public void HeaderLength_EndsAtTheFirstLineEndOutsideQuotes(string records, int expected) =>
        Assert.Equal(expected, PipedConversion.HeaderLength(System.Text.Encoding.UTF8.GetBytes(records)));

    /// <summary>The row count and an order-free digest of every row's values, as DuckDB reads the Parquet file.</summary>
    private static string RowsDigest(string parquet)
    {
        using var connection = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) || ' ' || sum(hash(t)) FROM read_parquet('{parquet.Replace("'", "''", StringComparison.Ordinal)}') t";
        return (string)command.ExecuteScalar()!;
    }

    [Fact]
    public void Intake_WithTarget_BadLineAfterTheConversionBegan_ConversionStoppedOnDispose()
    {
        var lines = File.ReadAllLines(CdcFiles.Get(CdcFiles.CasesDeaths2020));
        lines[9_999] = "2020-02-30" + lines[9_999][lines[9_999].IndexOf(',')..];
        var bytes = System.Text.Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");
        var intake = CsvIntake.Create(_dir.Path, TestSchemas.CasesDeaths, CsvLimits.Default, OriginalCompression.Zstd, new ConversionTarget(_dir.File("data.parquet")));

        var error = Assert.Throws<DatasetFormatException>(() =>
        {
            for (var at = 0; at < bytes.Length; at += 64 * 1024)
            {
                intake.Write(bytes.AsSpan(at, Math.Min(64 * 1024, bytes.Length - at)));
            }
        });
        var conversion = intake.Conversion;
        intake.Dispose();

        Assert.Equal(10_000, error.Line);
        Assert.NotNull(conversion);
        Assert.True(conversion.Stopped, "DuckDB has let go of the directory once the intake is disposed");
        Directory.Delete(_dir.Path, recursive: true);
        Assert.False(Directory.Exists(_dir.Path));
    }
}
