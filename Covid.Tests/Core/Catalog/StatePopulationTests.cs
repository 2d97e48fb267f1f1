using Covid.SparkJob.Catalog;
using Covid.Tests.Support.Cdc;
using Covid.SparkJob.Geography;
using Covid.Tests.Support;

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
    public void Coding_CasesDeathsByState_WithholdsNewYorkBecauseNycIsReportedApart()
    {
        var table = TestSchemas.CasesDeaths.Geography!.Entries.Where(e => e.Residents is not null).ToDictionary(e => e.Value, e => e.Residents!.Value);

        Assert.False(table.ContainsKey("NY"));
        Assert.False(table.ContainsKey("NYC"));
        Assert.Equal(51, table.Count);
        Assert.Equal(CensusCsv.ForCasesDeaths.OrderBy(e => e.Key, StringComparer.Ordinal), table.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Residents_DatasetWithoutNycSplit_KeepsNewYork() =>
        Assert.Equal(19_453_561, Residents.Of(UsJurisdictions.Find("NY")!, nycApartFromNy: false));

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
