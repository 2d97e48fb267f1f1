extern alias cli;
using cli::Covid.Client;
using Covid.Tests.Support;
using Covid.Tests.Support.Cli;

namespace Covid.Tests.Client.Sdk;

/// <summary>The result table's own rules: rows are checked against the columns, typed columns by name and kind, Parquet of no rows.</summary>
public sealed class AnalysisResultTests
{
    private static readonly ResultColumn[] Columns = [new("period", ColumnKind.Date), new("cases", ColumnKind.Int64)];

    [Fact]
    public void New_RowOfTheWrongWidth_ArgumentNamingTheRow()
    {
        var error = Assert.Throws<ArgumentException>(() => new AnalysisResult(Columns, [[new DateOnly(2020, 3, 2), 1L], [null]]));

        Assert.Contains("row 1 has 1 cells for 2 columns", error.Message);
    }

    [Fact]
    public void New_CellOfTheWrongType_ArgumentNamingRowAndColumn()
    {
        var error = Assert.Throws<ArgumentException>(() => new AnalysisResult(Columns, [[new DateOnly(2020, 3, 2), 1]]));

        Assert.Contains("row 0, column 'cases': a Int32 in a Int64 column", error.Message);
    }

    [Fact]
    public void TypedColumns_ByNameAndKind_CellsWithNulls()
    {
        var table = TableFixtures.Awkward();

        Assert.Equal([new DateOnly(2020, 3, 2), new DateOnly(2020, 12, 28), null], table.DateColumn("period"));
        Assert.Equal(["NY", "say \"hi\", ok", "line\nbreak"], table.StringColumn("state"));
        Assert.Equal([1234567L, -5L, null], table.Int64Column("cases"));
        Assert.Equal([0.0123456789, 1234.5, null], table.DoubleColumn("cfr"));
        Assert.Equal(3, table.IndexOf("cfr"));
        Assert.Equal(-1, table.IndexOf("CFR"));
    }

    [Fact]
    public void TypedColumn_UnknownOrOfAnotherKind_ArgumentSayingWhich()
    {
        var table = TableFixtures.Awkward();

        Assert.Contains("no column 'deaths'; columns: period, state, cases, cfr", Assert.Throws<ArgumentException>(() => table.Int64Column("deaths")).Message);
        Assert.Contains("column 'cases' is Int64, not Double", Assert.Throws<ArgumentException>(() => table.DoubleColumn("cases")).Message);
    }

    [Fact]
    public void Rows_RowByRow_SameCellsAndBoundsChecked()
    {
        var table = TableFixtures.Awkward();

        Assert.Equal(3, table.Rows.Count);
        Assert.Equal([null, "line\nbreak", null, null], table.Rows[2]);
        Assert.Equal(table.Rows.Select(r => r[2]), table.Int64Column("cases").Cast<object?>());
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Rows[3]);
    }

    [Fact]
    public void ToDataFrame_NullsKeptAndDatesAtMidnight()
    {
        var frame = TableFixtures.Awkward().ToDataFrame();

        Assert.Equal(["period", "state", "cases", "cfr"], frame.Columns.Select(c => c.Name));
        Assert.Equal(new DateTime(2020, 12, 28), frame.Columns["period"][1]);
        Assert.Null(frame.Columns["period"][2]);
        Assert.Null(frame.Columns["cases"][2]);
        Assert.Equal(1, frame.Columns["cfr"].NullCount);
    }

    [Fact]
    public async Task WriteParquetAsync_NoRows_TypedEmptyTable()
    {
        using var dir = new TempDirectory();
        var path = dir.File("empty.parquet");
        await using (var file = File.Create(path))
        {
            await new AnalysisResult(Columns, []).WriteParquetAsync(file, Timeouts.Token());
        }
        using var duck = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:");
        duck.Open();
        using var query = duck.CreateCommand();
        query.CommandText = $"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{path}'))";
        using var rows = query.ExecuteReader();
        var schema = new List<string>();
        while (rows.Read())
        {
            schema.Add(rows.GetString(0) + " " + rows.GetString(1));
        }
        query.CommandText = $"SELECT count(*) FROM read_parquet('{path}')";

        Assert.Equal(["period DATE", "cases BIGINT"], schema);
        Assert.Equal(0L, Convert.ToInt64(query.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }
}
