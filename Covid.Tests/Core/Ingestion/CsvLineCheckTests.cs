using System.Text;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;
using Covid.Tests.Support;

namespace Covid.Tests.Core.Ingestion;

/// <summary>
/// The line check on the real 2021 9mfq-cb36 export, broken the ways real files break: every bad
/// file is refused with the line, the column or the limit named, before the converter sees it,
/// and no Parquet is left behind.
/// </summary>
public sealed class CsvLineCheckTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>The real export's lines (header first), LF-terminated as published.</summary>
    private static List<string> RealLines() => [.. File.ReadLines(CdcFiles.Get(CdcFiles.CasesDeaths2021))];

    [Fact]
    public async Task Ingest_OneCrlfLineAmongLfLines_RefusedNamingTheLine()
    {
        var lines = RealLines();
        var text = string.Join("\n", lines[..1000]) + "\r\n" + string.Join("\n", lines[1000..]) + "\n";

        var error = await FailsAsync(Encoding.UTF8.GetBytes(text));

        Assert.Equal(1000, error.Line);
        Assert.Equal("line 1000, ends with CRLF (\\r\\n) but the lines before it end with LF (\\n); save the file with one kind of line ending", error.Message);
    }

    [Fact]
    public async Task Ingest_WholeFileInCrlf_LoadsEveryRow()
    {
        var lines = RealLines();
        await File.WriteAllTextAsync(_dir.File("in.csv"), string.Join("\r\n", lines) + "\r\n");

        var info = await IngestAsync();

        Assert.Equal(lines.Count - 1, info.RowCount);
    }

    [Fact]
    public async Task Ingest_Latin1Bytes_RefusedNamingTheEncodingAndLine()
    {
        var lines = RealLines();
        lines[41] = lines[41].Replace(",Agree", ",Agréé", StringComparison.Ordinal);
        Assert.Contains("Agréé", lines[41], StringComparison.Ordinal);

        var error = await FailsAsync(Encoding.Latin1.GetBytes(string.Join("\n", lines) + "\n"));

        Assert.Equal(42, error.Line);
        Assert.Contains("is not UTF-8: byte E9 after", error.Message, StringComparison.Ordinal);
        Assert.Contains("'é' in Latin-1 (ISO-8859-1) or Windows-1252", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "UTF-16 (little-endian): it begins with the byte order mark FF FE")]
    [InlineData(false, "UTF-16 (little-endian): every other byte is 00")]
    public async Task Ingest_Utf16_RefusedNamingTheEncoding(bool byteOrderMark, string encoding)
    {
        var text = string.Join("\r\n", RealLines().Take(50)) + "\r\n";
        var bytes = new UnicodeEncoding(bigEndian: false, byteOrderMark).GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray();

        var error = await FailsAsync(bytes);

        Assert.Equal(1, error.Line);
        Assert.Equal($"line 1, the file is {encoding}, not UTF-8; save it as UTF-8 (in Excel: CSV UTF-8) and load it again", error.Message);
    }

    [Fact]
    public async Task Ingest_BinaryJunkAfterRealLines_RefusedAsNotText()
    {
        var head = Encoding.UTF8.GetBytes(string.Join("\n", RealLines().Take(20)) + "\n");
        var junk = new byte[4096];
        new Random(11).NextBytes(junk);

        var error = await FailsAsync([.. head, .. junk]);

        Assert.Equal(21, error.Line);
        Assert.Contains("is not text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_UnterminatedQuote_RefusedAtTheLineItOpens()
    {
        var lines = RealLines().Take(200).ToList();
        lines[150] = lines[150][..lines[150].LastIndexOf(',')] + ",\"Agree";

        var error = await FailsAsync(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));

        Assert.Equal(151, error.Line);
        Assert.Equal("line 151, column 15: the quote that opens this cell is never closed (the file ends inside it)", error.Message);
    }

    [Fact]
    public async Task Ingest_300KbCell_RefusedNamingLineColumnAndLimit()
    {
        var lines = RealLines();
        lines[7_000] = lines[7_000][..lines[7_000].LastIndexOf(',')] + "," + new string('x', 300 * 1024);

        var error = await FailsAsync(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));

        Assert.Equal(7_001, error.Line);
        Assert.Equal("line 7001, column 15: has a cell longer than 65536 bytes, this server's limit (Data:MaxCsvCellBytes)", error.Message);
    }

    [Fact]
    public async Task Ingest_QuotedCellRunningOnPastTheLimit_RefusedWhereItOpens()
    {
        var lines = RealLines().Take(100).ToList();
        lines[60] = lines[60][..lines[60].LastIndexOf(',')] + ",\"Agree" + string.Concat(Enumerable.Repeat("\nmore,text", 10_000));

        var error = await FailsAsync(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));

        Assert.Equal(61, error.Line);
        Assert.Contains("column 15: the quoted cell that starts here runs on for more than 65536 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_LineOf100kColumns_RefusedNamingLineAndLimit()
    {
        var lines = RealLines().Take(100).ToList();
        lines[80] = string.Join(',', Enumerable.Repeat("1", 100_000));

        var error = await FailsAsync(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));

        Assert.Equal(81, error.Line);
        Assert.Equal("line 81, has more columns than 1000, this server's limit (Data:MaxCsvColumns)", error.Message);
    }

    [Fact]
    public async Task Ingest_HugeLineWithoutLineBreak_RefusedNamingLineAndLimit()
    {
        var lines = RealLines().Take(100).ToList();
        lines[90] = string.Join(',', Enumerable.Repeat(new string('7', 4000), 500));

        var error = await FailsAsync(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));

        Assert.Equal(91, error.Line);
        Assert.Equal("line 91, is longer than 1048576 bytes, this server's limit (Data:MaxCsvLineBytes)", error.Message);
    }

    [Theory]
    [InlineData(",\"Agree\"x", "column 15: text follows the closing quote of a quoted cell")]
    [InlineData(",Agr\ree", "column 15: has a carriage return (CR) that ends no line")]
    public async Task Ingest_MalformedQuotingOrStrayCarriageReturn_RefusedNamingTheColumn(string lastCell, string problem)
    {
        var lines = RealLines().Take(100).ToList();
        lines[33] = lines[33][..lines[33].LastIndexOf(',')] + lastCell;

        var error = await FailsAsync(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));

        Assert.Equal(34, error.Line);
        Assert.StartsWith("line 34, " + problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_TwoFilesJoined_SecondByteOrderMarkRefused()
    {
        var part = Encoding.UTF8.GetBytes(string.Join("\n", RealLines().Skip(1).Take(10)) + "\n");
        var first = new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(string.Join("\n", RealLines().Take(11)) + "\n"));

        var error = await FailsAsync([.. first, .. new UTF8Encoding(true).GetPreamble(), .. part]);

        Assert.Equal(12, error.Line);
        Assert.Contains("byte order mark", error.Message, StringComparison.Ordinal);
    }

    private async Task<DatasetFormatException> FailsAsync(byte[] content)
    {
        await File.WriteAllBytesAsync(_dir.File("in.csv"), content);
        var error = await Assert.ThrowsAsync<DatasetFormatException>(IngestAsync);
        Assert.False(File.Exists(_dir.File("out.parquet")));
        Assert.False(File.Exists(_dir.File("out.parquet.body.csv")));
        return error;
    }

    private Task<DatasetInfo> IngestAsync() =>
        DatasetIngestor.IngestAsync("test", TestSchemas.CasesDeaths, _dir.File("in.csv"), _dir.File("out.parquet"), "upload:in.csv", false, CancellationToken.None);
}
