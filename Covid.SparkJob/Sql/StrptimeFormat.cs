using System.Text;
using Covid.SparkJob.Planning;

namespace Covid.SparkJob.Sql;

/// <summary>Translates the .NET date patterns the catalog uses into strptime formats for DuckDB.</summary>
internal static class StrptimeFormat
{
    private static readonly Dictionary<string, string> Tokens = new(StringComparer.Ordinal)
    {
        ["yyyy"] = "%Y", ["MM"] = "%m", ["dd"] = "%d", ["HH"] = "%H", ["hh"] = "%I",
        ["mm"] = "%M", ["ss"] = "%S", ["tt"] = "%p",
    };

    public static string From(string pattern)
    {
        var result = new StringBuilder();
        var i = 0;
        while (i < pattern.Length)
        {
            var run = 1;
            while (i + run < pattern.Length && pattern[i + run] == pattern[i])
            {
                run++;
            }
            var token = pattern.Substring(i, run);
            if (char.IsLetter(pattern[i]))
            {
                result.Append(Tokens.TryGetValue(token, out var f)
                    ? f
                    : throw new ArgumentException($"date pattern token '{token}' has no strptime equivalent", nameof(pattern)));
            }
            else
            {
                result.Append(token.Replace("%", "%%", StringComparison.Ordinal));
            }
            i += run;
        }
        return result.ToString();
    }
}
