using Covid.SparkJob.Catalog;
using Covid.SparkJob.Ingestion;
using Covid.Tests.Support;

namespace Covid.Tests.Core.Ingestion;

/// <summary>
/// The intake as the server feeds it — a stream's chunks of any size — over every real CDC export
/// in the shared directory (LF and CRLF, title lines and a footer, quoted SODA cells): the same
/// rows, span and layout as the check over the whole file, and the original kept byte for byte.
/// </summary>
public sealed class CsvIntakeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("cdc-cases-deaths-by-state", CdcFiles.CasesDeaths2020)]
    [InlineData("cdc-cases-deaths-by-state", CdcFiles.CasesDeaths2021)]
    [InlineData("cdc-vaccinations-jurisdiction", "cdc_unsk-b7fc_vaccinations_jurisdiction_2021-05-30.csv")]
    [InlineData("cdc-covid-net", "cdc_covidnet_hospitalization_rates_2021-11-12.csv")]
    [InlineData("nhsn-hospital-respiratory", CurrentCdcFiles.Nhsn)]
    [InlineData("nchs-provisional-deaths", CurrentCdcFiles.NchsDeaths)]
    [InlineData("cdc-weekly-cases-deaths-by-state", CurrentCdcFiles.WeeklyCases)]
    [InlineData("covid-net-rates", CurrentCdcFiles.CovidNetRates)]
    [InlineData("resp-net-rates", CurrentCdcFiles.RespNet)]
    [InlineData("resp-lens-positivity", CurrentCdcFiles.RespLens)]
    public async Task Intake_RealExportInOddChunks_SameAsTheWholeFileAndOriginalKept(string schemaName, string file)
    {
        var schema = SchemaCatalog.BuiltIn.Get(schemaName);
        var bytes = await File.ReadAllBytesAsync(CdcFiles.Get(file));
        var whole = new CsvCheck(schema, CsvLimits.Default, body: null);
        whole.Append(bytes);
        var expected = whole.Complete();

        using var intake = CsvIntake.Create(_dir.Path, schema, CsvLimits.Default, OriginalCompression.Zstd);
        foreach (var chunk in OddChunks(bytes))
        {
            intake.Write(chunk.Span);
        }
        var statistics = intake.Complete();
        var info = await DatasetIngestor.IngestAsync("test", schema, intake, statistics, _dir.File("data.parquet"), "test", false, CancellationToken.None);

        Assert.Equal(expected.Rows, info.RowCount);
        Assert.Equal((expected.MinDate, expected.MaxDate), (info.MinDate, info.MaxDate));
        Assert.Equal(expected.Layout.Columns, info.FileLayout.Columns);
        Assert.Equal(bytes.LongLength, info.SizeBytes);
        Assert.Equal(["data.parquet", "original.csv.zst"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        await using var original = new ZstdSharp.DecompressionStream(File.OpenRead(intake.OriginalPath));
        using var copy = new MemoryStream();
        await original.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Theory]
    [InlineData(OriginalCompression.Gzip, "original.csv.gz")]
    [InlineData(OriginalCompression.None, "original.csv")]
    [InlineData(OriginalCompression.Discard, null)]
    public async Task Intake_OriginalCompression_KeepsTheOriginalAsConfigured(OriginalCompression compression, string? kept)
    {
        var bytes = await File.ReadAllBytesAsync(CdcFiles.Get(CdcFiles.CasesDeaths2020));
        using var intake = CsvIntake.Create(_dir.Path, TestSchemas.CasesDeaths, CsvLimits.Default, compression);
        intake.Write(bytes);
        var statistics = intake.Complete();

        var info = await DatasetIngestor.IngestAsync("test", TestSchemas.CasesDeaths, intake, statistics, _dir.File("data.parquet"), "test", false, CancellationToken.None);

        Assert.Equal(14_760, info.RowCount);
        Assert.Equal(new[] { "data.parquet", kept }.OfType<string>(), Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        if (compression == OriginalCompression.Gzip)
        {
            await using var gzip = new System.IO.Compression.GZipStream(File.OpenRead(intake.OriginalPath), System.IO.Compression.CompressionMode.Decompress);
            using var copy = new MemoryStream();
            await gzip.CopyToAsync(copy);
            Assert.Equal(bytes, copy.ToArray());
        }
        else if (compression == OriginalCompression.None)
        {
            Assert.Equal(bytes, await File.ReadAllBytesAsync(intake.OriginalPath));
        }
    }

    [Fact]
    public void Intake_BadLineSplitAcrossChunks_SameLineAsInOneChunk()
    {
        var lines = File.ReadAllLines(CdcFiles.Get(CdcFiles.CasesDeaths2020));
        var text = string.Join("\n", lines[..3_000]) + "\r\n" + string.Join("\n", lines[3_000..]) + "\n";
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        using var intake = CsvIntake.Create(_dir.Path, TestSchemas.CasesDeaths, CsvLimits.Default, OriginalCompression.Zstd);

        // Chunks of 1 to 13 bytes cut the CR from its LF and every cell from its end at some point.
        var error = Assert.Throws<SparkJob.Datasets.DatasetFormatException>(() =>
        {
            var at = 0;
            for (var size = 1; at < bytes.Length; size = size % 13 + 1)
            {
                var n = Math.Min(size, bytes.Length - at);
                intake.Write(bytes.AsSpan(at, n));
                at += n;
            }
            intake.Complete();
        });

        Assert.Equal(3_000, error.Line);
        Assert.Contains("ends with CRLF", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The file cut at sizes from 1 byte (the first four bytes, a UTF-8 sequence, a CR from its LF) to 96 KiB.</summary>
    private static IEnumerable<ReadOnlyMemory<byte>> OddChunks(byte[] bytes)
    {
        var random = new Random(12);
        var at = 0;
        for (var i = 0; at < bytes.Length; i++)
        {
            var size = i < 8 ? 1 : random.Next(4) == 0 ? random.Next(1, 16) : random.Next(1, 96 * 1024);
            var n = Math.Min(size, bytes.Length - at);
            yield return bytes.AsMemory(at, n);
            at += n;
        }
    }
}
