using Covid.SparkJob.Planning;
using Covid.SparkJob.Spark;
using Covid.SparkJob.Sql;
using Covid.Tests.Support;

namespace Covid.Tests.Core.Spark;

public sealed class SparkResultReaderTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    // Issue example columns: period, state, cases, deaths, days, cfr; ordered by cases desc, then period, state.
    private static AnalysisPlan Plan(int limit = 500)
    {
        var spec = Specs.IssueExample();
        spec.Limit = limit;
        return AnalysisPlanner.Plan(spec, TestDatasets.CasesDeaths());
    }

    private void Part(string name, params string[] lines) => File.WriteAllText(dir.File(name), string.Join("\n", lines) + "\n");

    private void Success() => File.WriteAllText(dir.File(SparkResultReader.SuccessMarker), "");

    [Fact]
    public void Read_PartFilesUnorderedAcrossFiles_RowsInPlanOrderWithColumnTypes()
    {
        Part("part-00000-aaaa-c000.json",
            """{"period":"2020-03-30","state":"NY","cases":100,"deaths":5,"days":7,"cfr":0.05}""",
            """{"period":"2020-04-06","state":"CA","cases":300,"deaths":3,"days":7,"cfr":0.01}""");
        Part("part-00001-aaaa-c000.json",
            """{"period":"2020-03-02","state":"NJ","cases":300,"deaths":0,"days":7,"cfr":0.0}""");
        Success();

        var table = SparkResultReader.Read(Plan(), dir.Path);

        Assert.Equal(["period", "state", "cases", "deaths", "days", "cfr"], table.Columns.Select(c => c.Name));
        Assert.Equal(3, table.Rows.Count);
        // cases desc; the tie at 300 broken by period ascending.
        Assert.Equal([new DateOnly(2020, 3, 2), "NJ", 300L, 0L, 7L, 0.0], table.Rows[0]);
        Assert.Equal([new DateOnly(2020, 4, 6), "CA", 300L, 3L, 7L, 0.01], table.Rows[1]);
        Assert.Equal([new DateOnly(2020, 3, 30), "NY", 100L, 5L, 7L, 0.05], table.Rows[2]);
    }

    [Fact]
    public void Read_NullAndOmittedFields_NullCellsSortedLast()
    {
        Part("part-00000-b-c000.json",
            """{"period":"2020-03-02","state":"NY","cases":null,"deaths":null,"days":7,"cfr":null}""",
            """{"period":"2020-03-02","state":"CA","cases":3,"days":7}""");
        Success();

        var table = SparkResultReader.Read(Plan(), dir.Path);

        Assert.Equal([new DateOnly(2020, 3, 2), "CA", 3L, null, 7L, null], table.Rows[0]);
        Assert.Equal([new DateOnly(2020, 3, 2), "NY", null, null, 7L, null], table.Rows[1]);
    }

    [Fact]
    public void Read_MoreRowsThanLimit_TopRowsAfterOrdering()
    {
        Part("part-00000-c-c000.json", Enumerable.Range(1, 5).Select(i => $$"""{"period":"2020-03-02","state":"S{{i}}","cases":{{i}},"deaths":0,"days":1,"cfr":0.0}""").ToArray());
        Success();

        var table = SparkResultReader.Read(Plan(limit: 2), dir.Path);

        Assert.Equal([5L, 4L], table.Rows.Select(r => r[2]));
    }

    [Fact]
    public void Read_EmptyResult_NoRows()
    {
        Part("part-00000-d-c000.json");
        Success();

        Assert.Empty(SparkResultReader.Read(Plan(), dir.Path).Rows);
    }

    [Fact]
    public void Read_NoSuccessMarker_ErrorSaysTheJobDidNotCommit()
    {
        Part("part-00000-e-c000.json", """{"period":"2020-03-02","state":"NY","cases":1,"deaths":0,"days":1,"cfr":0.0}""");

        var ex = Assert.Throws<InvalidOperationException>(() => SparkResultReader.Read(Plan(), dir.Path));

        Assert.Contains("_SUCCESS", ex.Message);
        Assert.Contains(dir.Path, ex.Message);
        Assert.False(SparkResultReader.IsComplete(dir.Path));
    }

    [Fact]
    public void Read_NoDirectory_ErrorNamesIt()
    {
        var missing = dir.File("nothing-here");

        var ex = Assert.Throws<InvalidOperationException>(() => SparkResultReader.Read(Plan(), missing));

        Assert.Contains(missing, ex.Message);
    }

    [Fact]
    public void Read_WrongTypedValue_ErrorNamesFileLineAndColumn()
    {
        Part("part-00003-f-c000.json",
            """{"period":"2020-03-02","state":"NY","cases":1,"deaths":0,"days":1,"cfr":0.0}""",
            """{"period":"2020-03-02","state":"NJ","cases":"many","deaths":0,"days":1,"cfr":0.0}""");
        Success();

        var ex = Assert.Throws<InvalidOperationException>(() => SparkResultReader.Read(Plan(), dir.Path));

        Assert.Contains("part-00003-f-c000.json line 2", ex.Message);
        Assert.Contains("\"cases\"", ex.Message);
    }

    [Fact]
    public void Read_ChecksumAndMarkerFiles_Ignored()
    {
        Part("part-00000-g-c000.json", """{"period":"2020-03-02","state":"NY","cases":1,"deaths":0,"days":1,"cfr":"NaN"}""");
        Part(".part-00000-g-c000.json.crc", "binary-ish");
        Success();

        var table = SparkResultReader.Read(Plan(), dir.Path);

        Assert.Single(table.Rows);
        Assert.True(double.IsNaN((double)table.Rows[0][5]!));
    }
}
