using System.Text;

namespace Covid.Tests.Support.Sql;

/// <summary>
/// Reads Spark SQL string literals the way Spark 3.5's ParserUtils.unescapeSQLString does (\uXXXX,
/// \UXXXXXXXX, octal \[01][0-7][0-7], \0 \b \n \r \t \Z, \% and \_ kept with their backslash,
/// any other escaped character as itself), written independently of the dialect so escaping
/// mistakes show up as wrong decodes.
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

    /// <summary>The literal starting at <paramref name="i"/> (its quote), decoded; <paramref name="i"/> moves past its closing quote.</summary>
    internal static string Read(string sql, ref int i)
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
            if (Hex(sql, i, 'u', 4) is { } u16)
            {
                value.Append((char)u16);
                i += 5;
            }
            else if (Hex(sql, i, 'U', 8) is { } u32)
            {
                value.Append(char.ConvertFromUtf32(u32));
                i += 9;
            }
            else if (i + 2 < sql.Length && sql[i] is '0' or '1' && sql[i + 1] is >= '0' and <= '7' && sql[i + 2] is >= '0' and <= '7')
            {
                value.Append((char)Convert.ToInt32(sql.Substring(i, 3), 8));
                i += 3;
            }
            else
            {
                var escaped = sql[i++];
                value.Append(escaped switch
                {
                    '0' => "\0",
                    'b' => "\b",
                    'n' => "\n",
                    'r' => "\r",
                    't' => "\t",
                    'Z' => "\u001A",
                    '%' => "\\%",
                    '_' => "\\_",
                    _ => escaped.ToString(),
                });
            }
        }
    }

    private static int? Hex(string sql, int at, char marker, int digits) =>
        at + digits < sql.Length && sql[at] == marker && sql.AsSpan(at + 1, digits).IndexOfAnyExcept("0123456789abcdefABCDEF") < 0
            ? Convert.ToInt32(sql.Substring(at + 1, digits), 16)
            : null;
}
