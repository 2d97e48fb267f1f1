using Covid.SparkJob.Catalog;

namespace Covid.Tests.Support;

/// <summary>The built-in schemas tests use, read from the same embedded schema files the server loads.</summary>
internal static class TestSchemas
{
    public const string CasesDeathsName = "cdc-cases-deaths-by-state";
    public const string CaseSurveillanceName = "cdc-case-surveillance";
    public const string VaccinationsName = "cdc-vaccinations-jurisdiction";
    public const string CovidNetName = "cdc-covid-net";

    /// <summary>How vbim-akqf's export writes its dates (the schema file's rows.csv format).</summary>
    public const string CaseSurveillanceDateFormat = "yyyy/MM/dd";

    public static DatasetSchema CasesDeaths => SchemaCatalog.BuiltIn.Get(CasesDeathsName);

    public static DatasetSchema CaseSurveillance => SchemaCatalog.BuiltIn.Get(CaseSurveillanceName);

    public static DatasetSchema Vaccinations => SchemaCatalog.BuiltIn.Get(VaccinationsName);

    public static DatasetSchema CovidNet => SchemaCatalog.BuiltIn.Get(CovidNetName);

    /// <summary>The 60 jurisdictions 9mfq-cb36 reports, as its geography coding lists them.</summary>
    public static IReadOnlyList<string> CasesDeathsCodes => CasesDeaths.Geography!.Entries.Select(e => e.Value).ToList();

    /// <summary>The values the case-surveillance schema documents for a category field.</summary>
    public static IReadOnlyList<string> CaseSurveillanceValues(string field) => CaseSurveillance.Field(field)!.Values;
}
