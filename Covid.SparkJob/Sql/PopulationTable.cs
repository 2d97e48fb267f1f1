using System.Globalization;
using System.Text.RegularExpressions;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Planning;

namespace Covid.SparkJob.Sql;

/// <summary>
/// <see cref="StatePopulation"/> as an inline table, <c>(VALUES ('AL', 4903185), …) AS population(code, residents)</c>,
/// a form DuckDB and Spark SQL both parse. Built only from catalog facts, checked to be plain codes.
/// </summary>
internal static partial class PopulationTable
{
    [GeneratedRegex("^[A-Z]{2,3}$")]
    private static partial Regex CodePattern();

    public static string Sql(DatasetSchema schema, Func<string, string> identifier, string codeColumn, string residentsColumn)
    {
        var rows = StatePopulation.For(schema).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e =>
        {
            if (!CodePattern().IsMatch(e.Key) || e.Value <= 0)
            {
                throw new InvalidOperationException($"population entry '{e.Key}' is not a postal code with a positive count");
            }
            return $"('{e.Key}', CAST({e.Value.ToString(CultureInfo.InvariantCulture)} AS BIGINT))";
        });
        return $"(VALUES {string.Join(", ", rows)}) AS {identifier("population")}({codeColumn}, {residentsColumn})";
    }
}
