using System.Text;
using Covid.SparkJob.Catalog;

namespace Covid.SparkJob.Sql;

/// <summary>
/// A catalog date pattern (.NET custom format: "MM/dd/yyyy", "MM/dd/yyyy hh:mm:ss tt",
/// "yyyy-MM-dd'T'HH:mm:ss.fff") as a Spark 3 datetime pattern (java.time DateTimeFormatter
/// letters). The letters the catalog uses mean the same in both except the AM/PM designator ("tt"
/// in .NET, "a" in Java) and fractions of a second ("fff", "SSS"); quoted literals stay quoted.
/// Anything else is refused rather than guessed, because a wrong pattern makes to_date return NULL silently.
/// </summary>
internal static class JavaDatePattern
{
    public static string From(string dotnet)
    {
        var sb = new StringBuilder();
        var parts = DatePatterns.Split(dotnet).ToList();
        for (var i = 0; i < parts.Count; i++)
        {
            var (token, literal) = parts[i];
            if (literal is not null)
            {
                if (literal.Length == 0 || !literal.All(char.IsAsciiLetterOrDigit))
                {
                    throw new ArgumentException($"date pattern '{dotnet}' has the literal '{literal}', which has no checked Spark equivalent", nameof(dotnet));
                }
                sb.Append('\'').Append(literal).Append('\'');
                continue;
            }
            sb.Append(token switch
            {
                "yyyy" or "MM" or "dd" or "HH" or "hh" or "mm" or "ss" => token,
                "tt" => "a",
                "fff" => "SSS",
                "/" or "-" or ":" or " " => token,
                // Only as the decimal point of seconds: "dd.MM.yyyy" is not a pattern the catalog has checked.
                "." when i + 1 < parts.Count && parts[i + 1].Token == "fff" => token,
                _ => throw new ArgumentException($"date pattern '{dotnet}' has '{token}', which has no checked Spark equivalent", nameof(dotnet)),
            });
        }
        return sb.ToString();
    }
}
