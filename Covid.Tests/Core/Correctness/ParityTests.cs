using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Ingestion;
using Covid.SparkJob.Results;
using Covid.SparkJob.Samples;
using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;
using Covid.Tests.Support.Reference;

namespace Covid.Tests.Core.Correctness;

/// <summary>
/// The DuckDB run of every representative spec over the real 2021-05-30 export equals the
/// independent LINQ computation of the same spec over the same file parsed by hand.
/// </summary>
[Collection(RealDataCollection.Name)]
public sealed class ParityTests(RealData fixture)
{
    public static TheoryData<string> Names => new(RepresentativeSpec.All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public async Task RunAsync_RepresentativeSpec_EqualsIndependentComputation(string name)
    {
        var spec = RepresentativeSpec.All.Single(s => s.Name == name).Spec;

        var actual = await EngineHarness.RunAsync(spec, fixture.Cases2021);
        var expected = ReferenceEvaluator.Evaluate(spec, fixture.Cases2021Records, TestSchemas.CasesDeaths.DateField, CensusCsv.ForCasesDeaths);

        Assert.NotEmpty(expected.Rows);
        AssertTables.Equal(expected.Columns, expected.Rows, actual);
    }
}
