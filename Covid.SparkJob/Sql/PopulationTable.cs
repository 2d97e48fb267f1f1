using System.Globalization;
using Covid.SparkJob.Geography;

namespace Covid.SparkJob.Sql;

/// <summary>
/// The residents of each place of a dataset's geography as an inline table,
/// <c>(VALUES ('AL', 4903185), …) AS population(code, residents)</c>, a form DuckDB and Spark SQL
/// both parse. Keyed by the dataset's own spelling or by the normalised code, whichever the result
/// is grouped by. Built only from catalog facts, every text escaped by the dialect.
/// </summary>
internal static class PopulationTable
{
    public static string Sql(GeographyCoding geography, bool byCode, Func<string, string> identifier, Func<string, string> literal,
        string codeColumn, string residentsColumn)
    {
        var rows = geography.Entries
            .Where(e => e.Residents is > 0 && (!byCode || e.Code is not null))
            .Select(e => (Key: byCode ? e.Code! : e.Value, Residents: e.Residents!.Value))
            .DistinctBy(e => e.Key)
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => $"({literal(e.Key)}, CAST({e.Residents.ToString(CultureInfo.InvariantCulture)} AS BIGINT))")
            .ToList();
        // A geography without any known population (surveillance sites) still joins, to nothing.
        var values = rows.Count > 0 ? string.Join(", ", rows) : "(CAST(NULL AS STRING), CAST(NULL AS BIGINT))";
        return $"(VALUES {values}) AS {identifier("population")}({codeColumn}, {residentsColumn})";
    }
}
