using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Samples;
using Covid.SparkJob.Sql;
using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;
using Covid.Tests.Support.Reference;

namespace Covid.Tests.Core.Correctness;

/// <summary>
/// The second source form: the real export registered as a CSV read in place (no Parquet copy).
/// DuckDB reads it through its typed read_csv and must give the independent computation's result;
/// the Spark script reads it through USING csv plus a typed view.
/// </summary>
public sealed class CsvInPlaceParityTests
{
    private static DatasetInfo InPlace(string csv) =>
        new(TestSchemas.CasesDeathsName, TestSchemas.CasesDeaths, "", csv, "file:" + csv, false, 0, new FileInfo(csv).Length, null, null, DateTimeOffset.UnixEpoch, DatasetStorage.CsvInPlace);

    public static TheoryData<string> Names => new(RepresentativeSpec.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public async Task RunAsync_CsvInPlace_EqualsIndependentComputation(string name)
    {
        var csv = CdcFiles.Get(CdcFiles.CasesDeaths2021);
        var spec = RepresentativeSpec.All.Single(s => s.Name == name).Spec;

        var actual = await EngineHarness.RunAsync(spec, new TestDatasets(InPlace(csv)));
        var expected = ReferenceEvaluator.Evaluate(spec, CdcRecord.ReadAll(csv), TestSchemas.CasesDeaths.DateField, CensusCsv.ForCasesDeaths);

        AssertTables.Equal(expected.Columns, expected.Rows, actual);
    }

    [Fact]
    public void Build_CsvInPlace_ReadsTheCsvWithJavaPatternsNotStrptime()
    {
        var csv = CdcFiles.Get(CdcFiles.CasesDeaths2021);
        var plan = AnalysisPlanner.Plan(RepresentativeSpec.All[0].Spec, new TestDatasets(InPlace(csv)));

        var script = SparkSqlDialect.Build(plan, "/out");

        Assert.Contains($"USING csv OPTIONS (path {SparkSqlDialect.StringLiteral(csv)}, header 'true', inferSchema 'false'", script, StringComparison.Ordinal);
        Assert.Contains("CAST(try_to_timestamp(`submission_date`, 'MM/dd/yyyy') AS DATE)", script, StringComparison.Ordinal);
        Assert.Contains("try_to_timestamp(`created_at`, 'MM/dd/yyyy hh:mm:ss a')", script, StringComparison.Ordinal);
        Assert.DoesNotContain("strptime", script, StringComparison.Ordinal);
        Assert.DoesNotContain("%m", script, StringComparison.Ordinal);
        Assert.DoesNotContain("USING parquet", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SchemaWithTitleLines_RefusesToReadInPlace()
    {
        var info = InPlace(CdcFiles.Get(CdcFiles.CasesDeaths2021)) with { Schema = TestSchemas.CasesDeaths with { TitleLines = 2 } };
        var plan = AnalysisPlanner.Plan(RepresentativeSpec.All[0].Spec, new TestDatasets(info));

        var e = Assert.Throws<InvalidOperationException>(() => SparkSqlDialect.Build(plan, "/out"));
        Assert.Contains("converted to Parquet", e.Message, StringComparison.Ordinal);
    }
}
