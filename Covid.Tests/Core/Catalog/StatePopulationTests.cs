using Covid.SparkJob.Catalog;
using Covid.Tests.Support.Cdc;

namespace Covid.Tests.Core.Catalog;

/// <summary>The bundled population facts are the Census file's numbers, and NY is withheld where NYC is separate.</summary>
public sealed class StatePopulationTests
{
    [Fact]
    public void Estimates_EveryStateDcAndPuertoRico_EqualCensusPopEstimate2019()
    {
        var census = CensusCsv.PopEstimate2019;

        Assert.Equal(52, census.Count);
        Assert.Equal(census.OrderBy(e => e.Key, StringComparer.Ordinal), StatePopulation.Estimates.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void For_CasesDeathsByState_WithholdsNewYorkBecauseNycIsReportedApart()
    {
        var table = StatePopulation.For(CasesDeathsByState.Schema);

        Assert.False(table.ContainsKey("NY"));
        Assert.False(table.ContainsKey("NYC"));
        Assert.Equal(51, table.Count);
        Assert.Equal(CensusCsv.ForCasesDeaths.OrderBy(e => e.Key, StringComparer.Ordinal), table.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void For_SchemaWithoutNycSplit_KeepsNewYork()
    {
        var schema = CasesDeathsByState.Schema with { Name = "another-dataset" };

        Assert.Equal(19_453_561, StatePopulation.For(schema)["NY"]);
    }

    [Theory]
    [InlineData("GU")]
    [InlineData("VI")]
    [InlineData("AS")]
    [InlineData("MP")]
    [InlineData("FSM")]
    [InlineData("PW")]
    [InlineData("RMI")]
    public void Estimates_TerritoriesWithoutCensusRow_HaveNone(string code) =>
        Assert.False(StatePopulation.Estimates.ContainsKey(code));
}
