using System.Text;
using Covid.SparkJob.Catalog;

namespace Covid.SparkJob.Sql;

/// <summary>Translates the .NET date patterns the catalog uses (see <see cref="DatePatterns"/>) into strptime formats for DuckDB.</summary>
internal static class StrptimeFormat
{
    private static readonly Dictionary<string, string> Tokens = new(StringComparer.Ordinal)
    {
        ["yyyy"] = "%Y", ["MM"] = "%m", ["dd"] = "%d", ["HH"] = "%H", ["hh"] = "%I",
        ["mm"] = "%M", ["ss"] = "%S", ["tt"] = "%p",
        // DuckDB's %g: milliseconds, three digits (SODA writes 2020-01-23T00:00:00.000).
        ["fff"] = "%g",
    };

    public static string From(string pattern)
    {
        var result = new StringBuilder();
        foreach (var (token, literal) in DatePatterns.Split(pattern))
        {
            if (literal is not null)
            {
                result.Append(literal.Replace("%", "%%", StringComparison.Ordinal));
            }
            else if (char.IsLetter(token[0]))
            {
                result.Append(Tokens.TryGetValue(token, out var f)
                    ? f
                    : throw new ArgumentException($"date pattern token '{token}' has no strptime equivalent", nameof(pattern)));
            }
            else
            {
                result.Append(token.Replace("%", "%%", StringComparison.Ordinal));
            }
        }
        return result.ToString();
    }
}
