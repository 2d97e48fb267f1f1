using Covid.SparkJob.Geography;
using Covid.SparkJob.Planning;

namespace Covid.SparkJob.Sql;

/// <summary>
/// The derived geography: <c>jurisdiction</c> and <c>geo_level</c> computed from the dataset's own
/// geography field by CASE over the catalog's coding, where rows are read. It is the same SQL over
/// Parquet and over a CSV in place, in DuckDB and in Spark (a CASE of string literals, each
/// escaped by the dialect), and it is only added when the spec names one of the two.
/// </summary>
internal abstract partial class SqlQueryBuilder
{
    private string Places(AnalysisPlan plan, string source)
    {
        if (plan.Dataset.Schema.Geography is not { } geography || !UsesDerivedGeography(plan))
        {
            return source;
        }
        var raw = Identifier(geography.Field);
        var codes = geography.Entries.Where(e => e.Code is not null).Select(e => $"WHEN {TextLiteral(e.Value)} THEN {TextLiteral(e.Code!)}");
        var levels = geography.Entries.Select(e => $"WHEN {TextLiteral(e.Value)} THEN {TextLiteral(e.Level.Code())}");
        return $"(SELECT *,\n    CASE {raw} {string.Join(" ", codes)} END AS {Identifier(GeographyCoding.JurisdictionField)},\n" +
               $"    CASE {raw} {string.Join(" ", levels)} END AS {Identifier(GeographyCoding.LevelField)}\n  FROM {source}) AS {Identifier("places")}";
    }

    private static bool UsesDerivedGeography(AnalysisPlan plan)
    {
        var fields = plan.Filters.Select(f => f.Field)
            .Concat(plan.GroupBy)
            .Concat(plan.Metrics.Where(m => m.Field is not null).Select(m => m.Field!))
            .Concat(plan.Metrics.SelectMany(m => m.Conditions).Select(c => c.Field));
        return fields.Any(f => f.DerivedFrom is Catalog.GeographyDerivation);
    }
}
