namespace Covid.SparkJob.Catalog;

/// <summary>
/// The .NET date patterns a schema may give, limited to what both SQL engines can read the same
/// way (DuckDB strptime, Spark's datetime patterns): yyyy MM dd HH hh mm ss fff tt, the separators
/// "/", "-", ":", " " (and "." before fff) and quoted literals such as 'T'. Anything else is refused at load,
/// because a pattern an engine misreads makes dates NULL silently.
/// </summary>
public static class DatePatterns
{
    /// <summary>The Int64 "format" of a column written with a zero decimal part (RESP-NET's "2022.0").</summary>
    public const string IntegralDecimal = "0.0";

    private static readonly HashSet<string> Tokens = new(StringComparer.Ordinal) { "yyyy", "MM", "dd", "HH", "hh", "mm", "ss", "fff", "tt" };

    /// <summary>Null when <paramref name="pattern"/> is usable, else what is wrong with it.</summary>
    public static string? Problem(string pattern)
    {
        var parts = Split(pattern).ToList();
        for (var i = 0; i < parts.Count; i++)
        {
            var (token, literal) = parts[i];
            var fraction = token == "." && i + 1 < parts.Count && parts[i + 1].Token == "fff";
            if (literal is null && !Tokens.Contains(token) && token is not ("/" or "-" or ":" or " ") && !fraction)
            {
                return $"'{token}' is not a supported pattern part; use yyyy MM dd HH hh mm ss fff tt, separators / - : (. only before fff) and quoted literals like 'T'";
            }
        }
        return null;
    }

    /// <summary>True when the pattern writes a time of day too (a SODA timestamp for a date column).</summary>
    public static bool HasTime(string pattern) => Split(pattern).Any(p => p.Literal is null && p.Token is "HH" or "hh" or "mm" or "ss" or "fff");

    /// <summary>
    /// The pattern as runs: a run of one letter (a token, Literal null), a separator, or a quoted
    /// literal (Literal set to its text). An unterminated quote yields the rest as a bad token.
    /// </summary>
    public static IEnumerable<(string Token, string? Literal)> Split(string pattern)
    {
        var i = 0;
        while (i < pattern.Length)
        {
            if (pattern[i] == '\'')
            {
                var close = pattern.IndexOf('\'', i + 1);
                if (close < 0)
                {
                    yield return (pattern[i..], null);
                    yield break;
                }
                yield return (pattern[i..(close + 1)], pattern[(i + 1)..close]);
                i = close + 1;
                continue;
            }
            var run = 1;
            while (char.IsLetter(pattern[i]) && i + run < pattern.Length && pattern[i + run] == pattern[i])
            {
                run++;
            }
            yield return (pattern.Substring(i, run), null);
            i += run;
        }
    }
}
