using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;
using Covid.SparkJob.Samples;
using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;

namespace Covid.Tests.Core.Ingestion;

/// <summary>The new schemas reject what their exports never contain, naming line and column.</summary>
public sealed class CatalogIngestionErrorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<DatasetFormatException> Fails(DatasetSchema schema, IEnumerable<string> lines)
    {
        var csv = _dir.File("in.csv");
        await File.WriteAllTextAsync(csv, string.Join("\n", lines) + "\n");
        var error = await Assert.ThrowsAsync<DatasetFormatException>(() =>
            DatasetIngestor.IngestAsync("d", schema, csv, _dir.File("d.parquet"), "t", false, CancellationToken.None));
        Assert.False(File.Exists(_dir.File("d.parquet")));
        return error;
    }

    [Fact]
    public async Task IngestAsync_CaseSurveillanceDateWrittenMmDdYyyy_NamesLineAndFormat()
    {
        var lines = GeneratedRows.Text(20, 1).TrimEnd('\n').Split('\n');
        lines[7] = "03/15/2021" + lines[7][10..];

        var error = await Fails(TestSchemas.CaseSurveillance, lines);

        Assert.Equal("line 8, column cdc_case_earliest_dt: '03/15/2021' is not a date written YYYY/MM/DD", error.Message);
    }

    [Fact]
    public async Task IngestAsync_CaseSurveillanceEmptyEarliestDate_RequiredOnThatLine()
    {
        var lines = GeneratedRows.Text(20, 1).TrimEnd('\n').Split('\n');
        lines[3] = lines[3][10..];

        var error = await Fails(TestSchemas.CaseSurveillance, lines);

        Assert.Equal("line 4, column cdc_case_earliest_dt: '' is empty but required", error.Message);
    }

    [Fact]
    public async Task IngestAsync_CaseSurveillanceUnquotedCommaInRace_FieldCountOnThatLine()
    {
        var lines = GeneratedRows.Text(200, 1).TrimEnd('\n').Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains("\"White, Non-Hispanic\"", StringComparison.Ordinal));
        lines[index] = lines[index].Replace("\"White, Non-Hispanic\"", "White, Non-Hispanic", StringComparison.Ordinal);

        var error = await Fails(TestSchemas.CaseSurveillance, lines);

        Assert.Equal(index + 1, error.Line);
        Assert.Contains("has 13 fields but cdc-case-surveillance has 12 columns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_VaccinationsDecimalInACount_NamesLineAndColumn()
    {
        var lines = File.ReadLines(CdcFiles.Get(RealData.Vaccinations)).Take(50).ToList();
        var cells = lines[30].Split(',');
        cells[12] = "611608.5";
        lines[30] = string.Join(',', cells);

        var error = await Fails(TestSchemas.Vaccinations, lines);

        Assert.Equal("line 31, column Administered: '611608.5' is not an integer", error.Message);
    }

    [Fact]
    public async Task IngestAsync_VaccinationsLaterLayoutWithExtraColumn_HeaderErrorOnLine1()
    {
        var lines = File.ReadLines(CdcFiles.Get(RealData.Vaccinations)).Take(5).Select(l => l + ",0").ToList();
        lines[0] = lines[0][..^2] + ",Series_Complete_Pop_Pct_SVI";

        var error = await Fails(TestSchemas.Vaccinations, lines);

        Assert.Equal(1, error.Line);
        Assert.Contains("unexpected 'Series_Complete_Pop_Pct_SVI'", error.Message, StringComparison.Ordinal);
    }
}
