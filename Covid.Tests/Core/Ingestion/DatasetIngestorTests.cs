using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;
using Covid.SparkJob.Samples;
using Covid.Tests.Support;
using DuckDB.NET.Data;

namespace Covid.Tests.Core.Ingestion;

public sealed class DatasetIngestorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    /// <summary>The header and first 30 data lines of the real 2021 export.</summary>
    private static List<string> RealLines() => File.ReadLines(CdcFiles.Get(CdcFiles.CasesDeaths2021)).Take(31).ToList();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task IngestAsync_WrongHeaderName_NamesTheColumnOnLine1()
    {
        var lines = RealLines();
        lines[0] = lines[0].Replace("tot_cases", "tot_case", StringComparison.Ordinal);

        var error = await IngestFails(lines);

        Assert.Equal(1, error.Line);
        Assert.StartsWith("line 1, header column 3 is 'tot_case' but cdc-cases-deaths-by-state expects 'tot_cases' there", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_HeaderMissingLastColumn_SaysWhichIsMissing()
    {
        var lines = RealLines().Select(l => l[..l.LastIndexOf(',')]).ToList();

        var error = await IngestFails(lines);

        Assert.Equal(1, error.Line);
        Assert.Contains("missing 'consent_deaths'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_BadDate_NamesLineAndColumn()
    {
        var lines = RealLines();
        lines[3] = "2020-07-23" + lines[3][10..];

        var error = await IngestFails(lines);

        Assert.Equal(4, error.Line);
        Assert.Equal("line 4, column submission_date: '2020-07-23' is not a date written MM/DD/YYYY", error.Message);
    }

    [Fact]
    public async Task IngestAsync_NonNumericCount_NamesLineAndColumn()
    {
        var lines = RealLines();
        var cells = lines[16].Split(',');
        cells[5] = "abc";
        lines[16] = string.Join(',', cells);

        var error = await IngestFails(lines);

        Assert.Equal(17, error.Line);
        Assert.Equal("line 17, column new_case: 'abc' is not an integer", error.Message);
    }

    [Fact]
    public async Task IngestAsync_BadTimestamp_NamesLineAndColumn()
    {
        var lines = RealLines();
        var cells = lines[9].Split(',');
        cells[12] = "01/27/2021 25:00:00 AM";
        lines[9] = string.Join(',', cells);

        var error = await IngestFails(lines);

        Assert.Equal("line 10, column created_at: '01/27/2021 25:00:00 AM' is not a timestamp written MM/DD/YYYY hh:mm:ss AM", error.Message);
    }

    [Fact]
    public async Task IngestAsync_MissingFields_NamesTheLine()
    {
        var lines = RealLines();
        lines[20] = "01/25/2021,NE,187923";

        var error = await IngestFails(lines);

        Assert.Equal("line 21, has 3 fields but cdc-cases-deaths-by-state has 15 columns", error.Message);
    }

    [Fact]
    public async Task IngestAsync_QuotedNewlineEarlier_KeepsLineNumbersTrueToTheFile()
    {
        var lines = RealLines();
        lines[2] = lines[2][..lines[2].LastIndexOf(',')] + ",\"Not\nagree\"";
        var cells = lines[5].Split(',');
        cells[10] = "1.5";
        lines[5] = string.Join(',', cells);

        var error = await IngestFails(lines);

        Assert.Equal("line 7, column new_death: '1.5' is not an integer", error.Message);
    }

    [Theory]
    [InlineData("", 1, "the file is empty")]
    [InlineData("submission_date,state,tot_cases,conf_cases,prob_cases,new_case,pnew_case,tot_death,conf_death,prob_death,new_death,pnew_death,created_at,consent_cases,consent_deaths\n", 2, "no data rows")]
    public async Task IngestAsync_NoData_IsRejected(string content, int line, string text)
    {
        await File.WriteAllTextAsync(_dir.File("in.csv"), content);

        var error = await Assert.ThrowsAsync<DatasetFormatException>(() => Ingest());

        Assert.Equal(line, error.Line);
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_ValidLines_WritesTypedParquetWithNullsAndNegatives()
    {
        var lines = RealLines();
        lines[1] = "08/17/2020,OR,23451,22320,1131,-293,0,396,388,8,3,0,08/18/2020 02:26:55 PM,Agree,Agree";
        await File.WriteAllLinesAsync(_dir.File("in.csv"), lines);

        var info = await Ingest();

        Assert.Equal(30, info.RowCount);
        Assert.Equal(lines.Skip(1).Select(ParseDate).Min(), info.MinDate);
        Assert.Equal(lines.Skip(1).Select(ParseDate).Max(), info.MaxDate);
        Assert.Equal(_dir.File("out.parquet"), info.ParquetPath);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT typeof(submission_date), typeof(state), typeof(new_case), typeof(created_at), submission_date, new_case, conf_cases, created_at FROM read_parquet('{info.ParquetPath}') LIMIT 1";
        using (var reader = command.ExecuteReader())
        {
            Assert.True(reader.Read());
            Assert.Equal(["DATE", "VARCHAR", "BIGINT", "TIMESTAMP"], Enumerable.Range(0, 4).Select(reader.GetString));
            Assert.Equal(new DateOnly(2020, 8, 17), reader.GetFieldValue<DateOnly>(4));
            Assert.Equal(-293L, reader.GetInt64(5));
            Assert.Equal(22320L, reader.GetInt64(6));
            Assert.Equal(new DateTime(2020, 8, 18, 14, 26, 55), reader.GetDateTime(7));
        }
        // Empty cells, numeric or text, are stored as NULL.
        command.CommandText = $"SELECT COUNT(*) FILTER (conf_cases IS NULL), COUNT(*) FILTER (consent_cases IS NULL) FROM read_parquet('{info.ParquetPath}')";
        using var nulls = command.ExecuteReader();
        Assert.True(nulls.Read());
        Assert.Equal((long)lines.Skip(1).Count(l => l.Split(',')[3].Length == 0), nulls.GetInt64(0));
        Assert.Equal((long)lines.Skip(1).Count(l => l.Split(',')[13].Length == 0), nulls.GetInt64(1));
    }

    [Fact]
    public async Task IngestAsync_ValidLines_ParquetHasMinMaxStatisticsButNoBloomFilters()
    {
        await File.WriteAllLinesAsync(_dir.File("in.csv"), RealLines());

        var info = await Ingest();

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        // DuckDB writes a bloom filter for nearly every column chunk unless told not to (371 of 375 on 3M state rows).
        command.CommandText = $"SELECT count(*), count(*) FILTER (bloom_filter_offset IS NOT NULL), count(*) FILTER (path_in_schema = 'submission_date' AND stats_min_value IS NOT NULL AND stats_max_value IS NOT NULL) FROM parquet_metadata('{info.ParquetPath}')";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.True(reader.GetInt64(0) >= 15, $"{reader.GetInt64(0)} column chunks");
        Assert.Equal(0L, reader.GetInt64(1));
        // The date range's statistics, which do skip row groups, stay.
        Assert.True(reader.GetInt64(2) >= 1, "no min/max statistics on submission_date");
    }

    [Fact]
    public async Task IngestAsync_WindowsLineEndingsAndByteOrderMark_StoreTheSameValues()
    {
        var lines = RealLines();
        await File.WriteAllTextAsync(_dir.File("in.csv"), string.Join("\r\n", lines) + "\r\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var info = await Ingest();

        Assert.Equal(30, info.RowCount);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT string_agg(consent_deaths, '|' ORDER BY consent_deaths), string_agg(CAST(submission_date AS VARCHAR), '|' ORDER BY submission_date) FROM read_parquet('{info.ParquetPath}')";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var cells = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(string.Join('|', cells.Select(c => c[14]).Where(c => c.Length > 0).Order(StringComparer.Ordinal)), reader.GetString(0));
        Assert.Equal(string.Join('|', cells.Select(c => DateOnly.ParseExact(c[0], "MM/dd/yyyy", System.Globalization.CultureInfo.InvariantCulture).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal)), reader.GetString(1));
    }

    [Fact]
    public async Task IngestAsync_Rejected_LeavesNoParquetBehind()
    {
        var lines = RealLines();
        lines[30] = lines[30].Replace(",NE,", ",NE,x", StringComparison.Ordinal) + ",extra";

        await IngestFails(lines);

        Assert.False(File.Exists(_dir.File("out.parquet")));
    }

    [Fact]
    public async Task IngestAsync_Real2020Export_LoadsEveryRow()
    {
        var info = await DatasetIngestor.IngestAsync("old", TestSchemas.CasesDeaths, CdcFiles.Get(CdcFiles.CasesDeaths2020), _dir.File("old.parquet"), "file", false, CancellationToken.None);

        Assert.Equal(14_760, info.RowCount);
        Assert.Equal(new DateOnly(2020, 1, 22), info.MinDate);
        Assert.Equal(new DateOnly(2020, 9, 23), info.MaxDate);
    }

    private static DateOnly ParseDate(string line) =>
        DateOnly.ParseExact(line[..10], "MM/dd/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<DatasetFormatException> IngestFails(List<string> lines)
    {
        await File.WriteAllTextAsync(_dir.File("in.csv"), string.Join("\n", lines) + "\n");
        var error = await Assert.ThrowsAsync<DatasetFormatException>(() => Ingest());
        Assert.False(File.Exists(_dir.File("out.parquet")));
        return error;
    }

    private Task<DatasetInfo> Ingest() =>
        DatasetIngestor.IngestAsync("test", TestSchemas.CasesDeaths, _dir.File("in.csv"), _dir.File("out.parquet"), "upload:in.csv", false, CancellationToken.None);
}
