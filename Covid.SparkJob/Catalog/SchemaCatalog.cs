namespace Covid.SparkJob.Catalog;

/// <summary>The schemas datasets can be loaded with; specs may only name fields listed here.</summary>
public static class SchemaCatalog
{
    public static IReadOnlyList<DatasetSchema> All { get; } =
        [CasesDeathsByState.Schema, CaseSurveillance.Schema, VaccinationsJurisdiction.Schema, CovidNet.Schema];

    public static DatasetSchema? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));
}
