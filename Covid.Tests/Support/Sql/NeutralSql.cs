using System.Text;
using static Covid.Tests.Support.Sql.SqlNode;

namespace Covid.Tests.Support.Sql;

/// <summary>
/// DuckDB and Spark SQL rewritten into one neutral text, so two texts that mean the same read the
/// same: the names each dialect gives one function (regexp_matches / regexp_like, error /
/// raise_error, try_strptime / try_to_timestamp and their date patterns, generate_series / sequence,
/// unnest / explode, INTEGER / INT) and the dialects' own spellings of the day of the week, adding
/// days and a series of periods become one form. Everything else — every cast and its type, every
/// guard's regular expression, every literal, keyword and operator — must match as it is.
/// </summary>
internal static class NeutralSql
{
    private static readonly Dictionary<string, string> DuckDbNames = new(StringComparer.Ordinal)
    {
        ["regexp_matches"] = "regexp_like", ["error"] = "raise_error", ["try_strptime"] = "try_to_timestamp",
        ["generate_series"] = "sequence", ["unnest"] = "explode", ["integer"] = "int", ["varchar"] = "string",
    };

    private static readonly Dictionary<string, string> Strptime = new(StringComparer.Ordinal)
    {
        ["%Y"] = "yyyy", ["%m"] = "MM", ["%d"] = "dd", ["%H"] = "HH", ["%I"] = "hh", ["%M"] = "mm", ["%S"] = "ss", ["%p"] = "a", ["%g"] = "SSS",
    };

    public static string FromDuckDb(string sql, IReadOnlyList<object> parameters) =>
        Render(Rewrite(Rename(ParseDuckDb(sql, parameters), duckDb: true), DuckDbForms));

    public static string FromSpark(string sql) => Render(Rewrite(Rename(ParseSpark(sql), duckDb: false), SparkForms));

    private static List<SqlNode> Rename(List<SqlNode> nodes, bool duckDb)
    {
        var result = new List<SqlNode>();
        for (var k = 0; k < nodes.Count; k++)
        {
            var node = nodes[k] is Group g ? new Group(Rename(g.Children, duckDb)) : nodes[k];
            if (node is Group args && k > 0 && nodes[k - 1] is Word fn)
            {
                // date_trunc's unit is case-blind in both; a DuckDB date pattern is strptime's, Spark's java.time's.
                if (fn.Text == "date_trunc" && args.Children is [Literal unit, ..])
                {
                    args.Children[0] = new Literal(unit.Value.ToLowerInvariant());
                }
                if (duckDb && fn.Text == "try_strptime" && args.Children is [.., Literal format])
                {
                    args.Children[^1] = new Literal(JavaPattern(format.Value));
                }
            }
            if (node is Word w)
            {
                var text = duckDb && DuckDbNames.TryGetValue(w.Text, out var name) ? name : w.Text;
                node = new Word(text == "days" ? "day" : text);
            }
            result.Add(node);
        }
        return result;
    }

    /// <summary>Applies <paramref name="forms"/> bottom-up: each returns how many nodes at an index it replaces, and with what.</summary>
    private static List<SqlNode> Rewrite(List<SqlNode> nodes, Func<List<SqlNode>, int, (int Count, List<SqlNode> With)?> forms)
    {
        var list = nodes.Select(n => n is Group g ? new Group(Rewrite(g.Children, forms)) : n).ToList();
        for (var k = 0; k < list.Count; k++)
        {
            if (forms(list, k) is { } form)
            {
                list.RemoveRange(k, form.Count);
                list.InsertRange(k, form.With);
            }
        }
        return list;
    }

    private static (int, List<SqlNode>)? DuckDbForms(List<SqlNode> list, int k)
    {
        if (!(Is(list, k, "cast") && list.ElementAtOrDefault(k + 1) is Group { Children: var g }))
        {
            return null;
        }
        // CAST(dayofweek(x) AS INTEGER)
        if (g is [Word { Text: "dayofweek" }, Group x, Word { Text: "as" }, Word { Text: "int" }])
        {
            return (2, [new Word("dow"), x]);
        }
        // CAST(x + CAST(d AS INTEGER) AS DATE)
        if (g is [.., Symbol { Text: "+" }, Word { Text: "cast" }, Group { Children: [.. var d, Word { Text: "as" }, Word { Text: "int" }] }, Word { Text: "as" }, Word { Text: "date" }])
        {
            return (2, [new Word("add_days"), new Group([.. g[..^5], new Symbol(","), .. d])]);
        }
        // CAST(unnest(generate_series(CAST(low AS TIMESTAMP), CAST(high AS TIMESTAMP), step)) AS DATE)
        if (g is [Word { Text: "explode" }, Group { Children: [Word { Text: "sequence" }, Group { Children: var s }] }, Word { Text: "as" }, Word { Text: "date" }]
            && s is [Word { Text: "cast" }, Group { Children: [.. var low, Word { Text: "as" }, Word { Text: "timestamp" }] }, Symbol { Text: "," },
                     Word { Text: "cast" }, Group { Children: [.. var high, Word { Text: "as" }, Word { Text: "timestamp" }] }, Symbol { Text: "," }, .. var step])
        {
            return (2, [new Word("explode"), new Group([new Word("sequence"), new Group([.. low, new Symbol(","), .. high, new Symbol(","), .. step])])]);
        }
        return null;
    }

    private static (int, List<SqlNode>)? SparkForms(List<SqlNode> list, int k)
    {
        // (dayofweek(x) - 1)
        if (list[k] is Group { Children: [Word { Text: "dayofweek" }, Group x, Symbol { Text: "-" }, Word { Text: "1" }] })
        {
            return (1, [new Word("dow"), x]);
        }
        // date_add(x, CAST(d AS INT))
        if (Is(list, k, "date_add") && list.ElementAtOrDefault(k + 1) is Group { Children: [.. var date, Symbol { Text: "," }, Word { Text: "cast" }, Group { Children: [.. var d, Word { Text: "as" }, Word { Text: "int" }] }] })
        {
            return (2, [new Word("add_days"), new Group([.. date, new Symbol(","), .. d])]);
        }
        return null;
    }

    private static bool Is(List<SqlNode> list, int k, string word) => list[k] is Word w && w.Text == word;

    private static string JavaPattern(string format)
    {
        var java = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] == '%' && i + 1 < format.Length)
            {
                java.Append(Strptime[format.Substring(i++, 2)]);
            }
            else
            {
                java.Append(char.IsAsciiLetter(format[i]) ? $"'{format[i]}'" : format[i].ToString());
            }
        }
        return java.ToString();
    }

    private static string Render(List<SqlNode> nodes) => string.Join(" ", nodes.Select(n => n switch
    {
        Word w => w.Text,
        Identifier i => "`" + i.Name + "`",
        Literal l => "'" + string.Concat(l.Value.Select(c => c is '\'' or '\\' || char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString())) + "'",
        Symbol s => s.Text,
        Group g => "(" + Render(g.Children) + ")",
        _ => throw new ArgumentOutOfRangeException(nameof(nodes), n, "unknown node"),
    }));
}
