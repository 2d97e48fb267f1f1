using System.Text;

namespace Covid.Tests.Support.Sql;

/// <summary>
/// Reads Spark SQL string literals the way Spark's lexer does (backslash escapes, quote ends the
/// literal), written independently of the dialect so escaping mistakes show up as wrong decodes.
/// </summary>
internal static class SparkLiteral
{
    /// <summary>Every string literal in <paramref name="sql"/>, decoded, in order.</summary>
    public static List<string> All(string sql)
    {
        var literals = new List<string>();
        var i = 0;
        while (i < sql.Length)
        {
            switch (sql[i])
            {
                case '\'':
                    literals.Add(Read(sql, ref i));
                    break;
                case '`':
                    i = sql.IndexOf('`', i + 1) + 1;
                    Assert.True(i > 0, "unterminated identifier");
                    break;
                case '-' when i + 1 < sql.Length && sql[i + 1] == '-':
                    i = sql.IndexOf('\n', i) is var nl and >= 0 ? nl : sql.Length;
                    break;
                default:
                    i++;
                    break;
            }
        }
        return literals;
    }

    private static string Read(string sql, ref int i)
    {
        var value = new StringBuilder();
        i++;
        while (true)
        {
            Assert.True(i < sql.Length, "unterminated string literal");
            var c = sql[i++];
            if (c == '\'')
            {
                return value.ToString();
            }
            if (c != '\\')
            {
                value.Append(c);
                continue;
            }
            var escaped = sql[i++];
            value.Append(escaped switch
            {
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                '0' => '\0',
                _ => escaped,
            });
        }
    }
}
