using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;
using Covid.SparkJob.Samples;
using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;
using DuckDB.NET.Data;

namespace Covid.Tests.Core.Ingestion;

/// <summary>The COVID-NET export parsed as it is: title lines, CRLF, "null", a footer after a blank line.</summary>
public sealed class CovidNetLayoutTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>The real file cut to its two title lines, header, 40 data lines, then its real blank line and footer.</summary>
    private static List<string> Lines()
    {
        var all = File.ReadAllLines(CdcFiles.Get(RealData.CovidNetFile));
        var blank = Array.IndexOf(all, "");
        return [.. all.Take(43), .. all.Skip(blank)];
    }

    [Fact]
    public async Task IngestAsync_CutRealFile_ReadsRowsNullsAndDerivedDates()
    {
        var lines = Lines();
        lines[4] = "Connecticut,EIP,2020-21,2021,45,Overall,Overall,Black,null,null";

        var info = await Ingest(lines);

        Assert.Equal(40, info.RowCount);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"WEEKLY RATE\", \"CUMULATIVE RATE\", \"WEEK_END_DATE\" FROM read_parquet('{info.ParquetPath}') LIMIT 3";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(0.1, reader.GetDouble(0));
        Assert.Equal(new DateOnly(2020, 3, 7), reader.GetFieldValue<DateOnly>(2));
        Assert.True(reader.Read());
        Assert.True(reader.IsDBNull(0));
        Assert.True(reader.IsDBNull(1));
        Assert.Equal(new DateOnly(2021, 11, 13), reader.GetFieldValue<DateOnly>(2));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.body.csv"));
    }

    [Fact]
    public async Task IngestAsync_HeaderWithoutTrailingSpace_FailsOnLine3()
    {
        var lines = Lines();
        lines[2] = lines[2].TrimEnd();

        var error = await Fails(lines);

        Assert.Equal(3, error.Line);
        Assert.Contains("expects 'WEEKLY RATE ' there", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_NoTitleLines_FailsOnTheHeaderLine()
    {
        var error = await Fails(Lines().Skip(2).ToList());

        Assert.Equal(3, error.Line);
        Assert.EndsWith("(cdc-covid-net exports have 2 title lines before the header)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_TextAfterBlankLineIsNotTheDisclaimer_NamesThatLine()
    {
        var lines = Lines();
        lines.Insert(44, "Entire Network,COVID-NET,2020-21,2020,11,Overall,Overall,Overall,0.3,0.2");

        var error = await Fails(lines);

        Assert.Equal(45, error.Line);
        Assert.Contains("follows the blank line ending the data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_BadRate_NamesLineAndColumn()
    {
        var lines = Lines();
        lines[9] = lines[9][..lines[9].LastIndexOf(',')] + ",NULL";

        var error = await Fails(lines);

        Assert.Equal("line 10, column WEEKLY RATE: 'NULL' is not a number", error.Message);
    }

    [Fact]
    public async Task IngestAsync_WeekOutOfRange_NamesLineAndColumn()
    {
        var lines = Lines();
        lines[5] = lines[5].Replace(",2020,10,", ",2021,53,", StringComparison.Ordinal);

        var error = await Fails(lines);

        Assert.Equal("line 6, column MMWR-WEEK: '53' is not an MMWR week of 2021 (1..52)", error.Message);
    }

    private async Task<DatasetInfo> Ingest(List<string> lines)
    {
        var csv = _dir.File("covidnet.csv");
        await File.WriteAllTextAsync(csv, string.Join("\r\n", lines));
        return await DatasetIngestor.IngestAsync(TestSchemas.CovidNetName, TestSchemas.CovidNet, csv, _dir.File("covidnet.parquet"), "test", false, CancellationToken.None);
    }

    private async Task<DatasetFormatException> Fails(List<string> lines)
    {
        var error = await Assert.ThrowsAsync<DatasetFormatException>(() => Ingest(lines));
        Assert.False(File.Exists(_dir.File("covidnet.parquet")));
        return error;
    }
}
