using Covid.SparkJob.Catalog;
using Covid.SparkJob.Ingestion;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Results;
using Covid.SparkJob.Sql;
using Covid.Tests.Support;

namespace Covid.Tests.Core.Sql;

/// <summary>
/// A SUM has its field's type in both dialects: SUM(DOUBLE) keeps its fraction (12.3 + 4.5 is 16.8,
/// not DuckDB's rounded 17 or Spark's truncated 16), SUM(BIGINT) stays BIGINT and fails past its range.
/// </summary>
public sealed class SumTypeTests : IDisposable
{
    /// <summary>A schema with an additive DOUBLE measure (none of the CDC ones is: their doubles are rates).</summary>
    private static readonly DatasetSchema Fuel = SchemaFileReader.Read("fuel.json", """
        {
          "name": "fuel", "title": "Fuel delivered", "exports": {"soda": {}}, "grain": "day", "timeField": "day",
          "fields": [
            {"name": "day", "type": "date", "role": "time", "description": "the delivery day"},
            {"name": "depot", "type": "string", "role": "dimension", "description": "where it was delivered"},
            {"name": "litres", "type": "double", "role": "measure", "unit": "litres", "additivity": "time-and-geography", "description": "fuel delivered"},
            {"name": "trucks", "type": "int64", "role": "measure", "unit": "trucks", "additivity": "time-and-geography", "description": "trucks that delivered it"}
          ]
        }
        """, "test");

    private const string Spec = """
        {"dataset": "fuel", "groupBy": ["depot"], "metrics": [{"name": "litres", "aggregation": "SUM", "field": "litres"},
         {"name": "trucks", "aggregation": "SUM", "field": "trucks"}, {"name": "mean", "aggregation": "MEAN", "field": "litres"}]}
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Build_SumOfDouble_CastToDoubleAndSumOfBigintToBigintInBothDialects()
    {
        var plan = AnalysisPlanner.Plan(Specs.Parse(Spec), new TestDatasets(Csv("day,depot,litres,trucks\n2024-01-01,A,12.3,1\n")));

        Assert.Equal([ColumnType.String, ColumnType.Double, ColumnType.Int64, ColumnType.Double], plan.Columns.Select(c => c.Type));
        foreach (var sql in new[] { DuckDbDialect.Build(plan).Sql.Replace('"', '`'), SparkSqlDialect.Build(plan, "/data/fuel.csv", "/data/out") })
        {
            Assert.Contains("CAST(SUM(`litres`) AS DOUBLE) AS `litres`", sql, StringComparison.Ordinal);
            Assert.Contains("CAST(SUM(`trucks`) AS BIGINT) AS `trucks`", sql, StringComparison.Ordinal);
            Assert.DoesNotContain("CAST(SUM(`litres`) AS BIGINT)", sql, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_SumOfDouble_KeepsTheFraction(bool inPlace)
    {
        var dataset = await Dataset("day,depot,litres,trucks\n2024-01-01,A,12.3,1\n2024-01-02,A,4.5,2\n2024-01-01,B,0.25,3\n2024-01-02,B,-0.75,4\n", inPlace);

        var table = await EngineHarness.RunAsync(Specs.Parse(Spec), new TestDatasets(dataset));

        Assert.Equal(["A", "B"], table.Rows.Select(r => (string)r[0]!));
        Assert.Equal(16.8, (double)table.Rows[0][1]!, 12);
        Assert.Equal(-0.5, (double)table.Rows[1][1]!, 12);
        Assert.Equal([3L, 7L], table.Rows.Select(r => r[2]));
        Assert.Equal(8.4, (double)table.Rows[0][3]!, 12);
    }

    [Fact]
    public async Task Run_SumOfBigintPastItsRange_FailsInsteadOfWrapping()
    {
        var dataset = await Dataset($"day,depot,litres,trucks\n2024-01-01,A,1,{long.MaxValue}\n2024-01-02,A,1,1\n", inPlace: false);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => EngineHarness.RunAsync(Specs.Parse(Spec), new TestDatasets(dataset)));

        Assert.Contains("out of range", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    private string Write(string csv)
    {
        var path = _dir.File($"fuel-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, csv);
        return path;
    }

    private Covid.SparkJob.Datasets.DatasetInfo Csv(string csv) => InPlaceCsv.Register("fuel", Fuel, Write(csv), "test", synthetic: false);

    private async Task<Covid.SparkJob.Datasets.DatasetInfo> Dataset(string csv, bool inPlace) => inPlace
        ? Csv(csv)
        : await DatasetIngestor.IngestAsync("fuel", Fuel, Write(csv), _dir.File($"fuel-{Guid.NewGuid():N}.parquet"), "test", false, CancellationToken.None);
}
