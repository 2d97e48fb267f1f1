using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;
using Covid.SparkJob.Results;
using Covid.SparkJob.Samples;
using Covid.Tests.SparkJob;
using Covid.Tests.Support;

namespace Covid.Tests.AnalysisFeatures;

/// <summary>
/// The DuckDB run of every representative spec over the real 2021-05-30 export equals the
/// independent LINQ computation of the same spec over the same file parsed by hand.
/// </summary>
[Collection(RealDataCollection.Name)]
public sealed class ParityTests(RealDataFixture fixture)
{
    private static readonly Lazy<IReadOnlyList<IReadOnlyDictionary<string, object?>>> Rows =
        new(() => CdcRecord.ReadAll(CdcFiles.Get(CdcFiles.CasesDeaths2021)));

    public static TheoryData<string> Names => new(RepresentativeSpec.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public async Task RunAsync_RepresentativeSpec_EqualsIndependentComputation(string name)
    {
        var spec = RepresentativeSpec.All.Single(s => s.Name == name).Spec;

        var actual = await EngineHarness.RunAsync(spec, fixture.Lookup);
        var expected = ReferenceEvaluator.Evaluate(spec, Rows.Value, TestSchemas.CasesDeaths.DateField, CensusCsv.ForCasesDeaths);

        Assert.NotEmpty(expected.Rows);
        AssertTables.Equal(expected.Columns, expected.Rows, actual);
    }
}
