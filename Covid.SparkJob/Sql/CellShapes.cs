using System.Text;
using Covid.SparkJob.Catalog;

namespace Covid.SparkJob.Sql;

/// <summary>
/// The written forms a CSV cell must have before either engine converts it, as regular
/// expressions both read the same way (RE2 in DuckDB's regexp_matches, java.util.regex in Spark's
/// regexp_like: ASCII classes, <c>\A</c> and <c>\z</c> anchors, no line-terminator subtleties of
/// <c>$</c>). The casts and date parsers alone disagree: DuckDB rounds "12.7" to 13 where Spark
/// truncates to 12, reads "1e3", "0x10", "1_000" and " 12 " as integers, and takes "3/5/2021" and
/// "03/05/21" for MM/dd/yyyy. Each shape is what the ingestion check (CsvFieldChecker) accepts.
/// </summary>
internal static class CellShapes
{
    /// <summary>A whole number, as long.TryParse reads it with a leading sign allowed.</summary>
    public const string Integer = @"\A[+-]?[0-9]+\z";

    /// <summary>A whole number that may be written with a zero decimal part ("800.0").</summary>
    public const string IntegralDecimal = @"\A[+-]?[0-9]+(?:\.0+)?\z";

    /// <summary>A decimal number with an optional exponent: no hex, no underscores, no NaN or Infinity, no spaces.</summary>
    public const string Number = @"\A[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\z";

    /// <summary>
    /// A date or timestamp written in a catalog pattern, digit for digit: yyyy four digits, MM dd HH
    /// hh mm ss two, fff three, tt AM or PM in either case, separators and quoted literals as they
    /// are. .NET's ParseExact reads the same widths; DuckDB's strptime and Spark's parser would
    /// otherwise also take one-digit months or two-digit years.
    /// </summary>
    public static string Date(string pattern)
    {
        var shape = new StringBuilder(@"\A");
        foreach (var (token, literal) in DatePatterns.Split(pattern))
        {
            shape.Append(literal ?? token switch
            {
                "yyyy" => "[0-9]{4}",
                "MM" or "dd" or "HH" or "hh" or "mm" or "ss" => "[0-9]{2}",
                "fff" => "[0-9]{3}",
                "tt" => "[AaPp][Mm]",
                "." => @"\.",
                "/" or "-" or ":" or " " => token,
                _ => throw new ArgumentException($"date pattern '{pattern}' has '{token}', which has no checked shape", nameof(pattern)),
            });
        }
        return shape.Append(@"\z").ToString();
    }
}
