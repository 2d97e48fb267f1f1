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
        Assert.Equal(File.ReadLines(CdcFiles.Get(file)).First(), string.Join(",", TestSchemas.CasesDeaths.CsvFields.Select(f => f.Name)));

    [Fact]
    public void Jurisdictions_Codes_EqualTheRealStates()
    {
        var states = File.ReadLines(CdcFiles.Get(CdcFiles.CasesDeaths2021)).Skip(1).Select(l => l.Split(',')[1]).ToHashSet();

        Assert.Equal(60, TestSchemas.CasesDeathsCodes.Count);
        Assert.Equal(states.Order(StringComparer.Ordinal), TestSchemas.CasesDeathsCodes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Find_KnownAndUnknownNames_ResolveExactly()
    {
        Assert.Same(TestSchemas.CasesDeaths, SchemaCatalog.BuiltIn.Find("cdc-cases-deaths-by-state"));
        Assert.Null(SchemaCatalog.BuiltIn.Find("CDC-cases-deaths-by-state"));
        Assert.Equal("submission_date", TestSchemas.CasesDeaths.DateField);
        Assert.Equal(["submission_date", "state", "consent_cases", "consent_deaths", "jurisdiction", "geo_level"], TestSchemas.CasesDeaths.Fields.Where(f => f.Dimension).Select(f => f.Name));
    }
}
