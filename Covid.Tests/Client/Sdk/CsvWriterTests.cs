extern alias cli;
using cli::Covid.Client;
using Covid.Tests.Support.Cli;

namespace Covid.Tests.Client.Sdk;

public class CsvWriterTests
{
    [Fact]
    public void Write_AwkwardCells_HeaderThenRfc4180Rows()
    {
        var writer = new StringWriter();

        TableFixtures.Awkward().WriteCsv(writer);

        var expected =
            "period,state,cases,cfr\n" +
            "2020-03-02,NY,1234567,0.0123456789\n" +
            "2020-12-28,\"say \"\"hi\"\", ok\",-5,1234.5\n" +
            ",\"line\nbreak\",,\n";
        Assert.Equal(expected, writer.ToString());
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("a\"b", "\"a\"\"b\"")]
    [InlineData("a\r\nb", "\"a\r\nb\"")]
    [InlineData("", "")]
    public void Quote_Field_QuotedOnlyWhenNeeded(string field, string expected)
    {
        Assert.Equal(expected, AnalysisResult.CsvField(field));
    }

    [Fact]
    public void Write_Doubles_RoundTripInvariantText()
    {
        var table = new AnalysisResult([new("x", ColumnKind.Double)], [[0.1], [1e-7], [123456789.125], [double.NaN]]);
        var writer = new StringWriter();

        table.WriteCsv(writer);

        Assert.Equal("x\n0.1\n1E-07\n123456789.125\nNaN\n", writer.ToString());
    }

    [Fact]
    public void Write_NoRows_HeaderOnly()
    {
        var table = new AnalysisResult([new("period", ColumnKind.Date), new("cases", ColumnKind.Int64)], []);
        var writer = new StringWriter();

        table.WriteCsv(writer);

        Assert.Equal("period,cases\n", writer.ToString());
    }
}
