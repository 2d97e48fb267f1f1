using Covid.SparkJob.Catalog;
using Covid.Tests.Support;

namespace Covid.Tests.Core.Catalog;

/// <summary>The catalog agrees with the real exports, column for column and code for code.</summary>
public sealed class CatalogTests
{
    [Theory]
    [InlineData(CdcFiles.CasesDeaths2020)]
    [InlineData(CdcFiles.CasesDeaths2021)]
    public void Schema_Columns_EqualTheRealHeader(string file) =>
        Assert.Equal(File.ReadLines(CdcFiles.Get(file)).First(), string.Join(",", CasesDeathsByState.Schema.Fields.Select(f => f.Name)));

    [Fact]
    public void Jurisdictions_Codes_EqualTheRealStates()
    {
        var states = File.ReadLines(CdcFiles.Get(CdcFiles.CasesDeaths2021)).Skip(1).Select(l => l.Split(',')[1]).ToHashSet();

        Assert.Equal(60, Jurisdictions.Codes.Count);
        Assert.Equal(states.Order(StringComparer.Ordinal), Jurisdictions.Codes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Find_KnownAndUnknownNames_ResolveExactly()
    {
        Assert.Same(CasesDeathsByState.Schema, SchemaCatalog.Find("cdc-cases-deaths-by-state"));
        Assert.Null(SchemaCatalog.Find("CDC-cases-deaths-by-state"));
        Assert.Equal("submission_date", CasesDeathsByState.Schema.DateField);
        Assert.Equal(["submission_date", "state", "consent_cases", "consent_deaths"], CasesDeathsByState.Schema.Fields.Where(f => f.Dimension).Select(f => f.Name));
    }
}
