using System.Globalization;
using System.Text;

namespace Covid.Tests.Support.Sql;

/// <summary>
/// SQL text as tokens nested by parentheses, read by either dialect's lexical rules (written apart
/// from the dialects, so a quoting mistake shows up as a different tree): words lower-cased,
/// identifiers and string literals decoded, DuckDB's $n parameters replaced by their values as
/// Spark writes values (DATE '…', a number, CAST('…' AS DOUBLE)), Spark's L suffix dropped.
/// </summary>
internal abstract record SqlNode
{
    internal sealed record Word(string Text) : SqlNode;

    internal sealed record Identifier(string Name) : SqlNode;

    internal sealed record Literal(string Value) : SqlNode;

    internal sealed record Symbol(string Text) : SqlNode;

    internal sealed record Group(List<SqlNode> Children) : SqlNode;

    public static List<SqlNode> ParseDuckDb(string sql, IReadOnlyList<object> parameters) => Parse(sql, spark: false, parameters);

    public static List<SqlNode> ParseSpark(string sql) => Parse(sql, spark: true, []);

    private static List<SqlNode> Parse(string sql, bool spark, IReadOnlyList<object> parameters)
    {
        var stack = new Stack<List<SqlNode>>();
        var current = new List<SqlNode>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                i = sql.IndexOf('\n', i) is var nl and >= 0 ? nl : sql.Length;
            }
            else if (c == '\'')
            {
                current.Add(new Literal(spark ? SparkLiteral.Read(sql, ref i) : Quoted(sql, ref i, '\'')));
            }
            else if (c == (spark ? '`' : '"'))
            {
                current.Add(new Identifier(Quoted(sql, ref i, c)));
            }
            else if (c == '$' && !spark)
            {
                var start = ++i;
                while (i < sql.Length && char.IsAsciiDigit(sql[i]))
                {
                    i++;
                }
                current.AddRange(Bound(parameters[int.Parse(sql[start..i], CultureInfo.InvariantCulture) - 1]));
            }
            else if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < sql.Length && (char.IsAsciiDigit(sql[i]) || sql[i] == '.' || sql[i] is 'e' or 'E'
                                          || (sql[i] is '+' or '-' && sql[i - 1] is 'e' or 'E')))
                {
                    i++;
                }
                current.Add(new Word(sql[start..i].ToLowerInvariant()));
                if (spark && i < sql.Length && sql[i] == 'L')
                {
                    i++;
                }
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < sql.Length && (char.IsAsciiLetterOrDigit(sql[i]) || sql[i] == '_'))
                {
                    i++;
                }
                current.Add(new Word(sql[start..i].ToLowerInvariant()));
            }
            else if (c == '(')
            {
                stack.Push(current);
                current = [];
                i++;
            }
            else if (c == ')')
            {
                Assert.True(stack.Count > 0, $"unbalanced ')' at {i}");
                var group = new Group(current);
                current = stack.Pop();
                current.Add(group);
                i++;
            }
            else
            {
                var two = i + 1 < sql.Length ? sql.Substring(i, 2) : "";
                var op = two is "<=" or ">=" or "<>" or "!=" or "||" ? two : c.ToString();
                current.Add(new Symbol(op));
                i += op.Length;
            }
        }
        Assert.True(stack.Count == 0, "unbalanced '('");
        return current;
    }

    /// <summary>A quoted name or standard literal: the quote doubled inside.</summary>
    private static string Quoted(string sql, ref int i, char quote)
    {
        var text = new StringBuilder();
        i++;
        while (true)
        {
            Assert.True(i < sql.Length, $"unterminated {quote}");
            if (sql[i] == quote && (i + 1 >= sql.Length || sql[i + 1] != quote))
            {
                i++;
                return text.ToString();
            }
            text.Append(sql[i]);
            i += sql[i] == quote ? 2 : 1;
        }
    }

    /// <summary>A bound value as the Spark dialect writes it inline.</summary>
    private static IEnumerable<SqlNode> Bound(object value) => value switch
    {
        string s => [new Literal(s)],
        DateOnly d => [new Word("date"), new Literal(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))],
        DateTime t => [new Word("timestamp"), new Literal(t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))],
        long l => [new Word(l.ToString(CultureInfo.InvariantCulture))],
        double x => [new Word("cast"), new Group([new Literal(x.ToString("R", CultureInfo.InvariantCulture)), new Word("as"), new Word("double")])],
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.GetType(), "no bound value of this type"),
    };
}
