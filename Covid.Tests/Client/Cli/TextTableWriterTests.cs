extern alias cli;
using cli::Covid.Client;
using cli::Covid.Cli.Formatting;

namespace Covid.Tests.Client.Cli;

public class TextTableWriterTests
{
    [Fact]
    public void Write_MixedColumns_NumbersRightAlignedTextLeftAligned()
    {
        var table = new AnalysisResult(
            [new("period", ColumnKind.Date), new("state", ColumnKind.String), new("cases", ColumnKind.Int64), new("cfr", ColumnKind.Double)],
            [
                [new DateOnly(2020, 3, 2), "NY", 1234567L, 0.0123456789],
                [new DateOnly(2020, 3, 9), "NYC", 5L, null],
            ]);
        var writer = new StringWriter();

        TextTableWriter.Write(table, writer);

        var expected =
            "period      state    cases       cfr\n" +
            "----------  -----  -------  --------\n" +
            "2020-03-02  NY     1234567  0.012346\n" +
            "2020-03-09  NYC          5\n";
        Assert.Equal(expected, writer.ToString());
    }
}
