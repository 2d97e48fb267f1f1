using System.Globalization;
using System.Text;

namespace Covid.Tests.FakeKubernetes;

/// <summary>
/// One line of a <c>spark.properties</c> file as <c>java.util.Properties.load</c> reads it: the key
/// ends at the first unescaped '=', ':' or whitespace; backslash escapes (<c>\:</c>, <c>\=</c>,
/// <c>\ </c>, <c>\\</c>, <c>\t</c>, <c>\n</c>, <c>\uXXXX</c> …) are undone in key and value.
/// </summary>
internal static class JavaProperties
{
    public static (string Key, string Value)? ParseLine(string line)
    {
        var text = line.TrimStart();
        if (text.Length == 0 || text[0] is '#' or '!')
        {
            return null;
        }
        var end = 0;
        while (end < text.Length && text[end] is not ('=' or ':' or ' ' or '\t'))
        {
            end += text[end] == '\\' ? 2 : 1;
        }
        end = Math.Min(end, text.Length);
        var rest = end < text.Length ? text[end..].TrimStart(' ', '\t') : "";
        if (rest.Length > 0 && rest[0] is '=' or ':')
        {
            rest = rest[1..].TrimStart(' ', '\t');
        }
        return (Unescape(text[..end]), Unescape(rest));
    }

    private static string Unescape(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 >= text.Length)
            {
                sb.Append(text[i]);
                continue;
            }
            var c = text[++i];
            switch (c)
            {
                case 't': sb.Append('\t'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 'f': sb.Append('\f'); break;
                case 'u' when i + 4 < text.Length:
                    sb.Append((char)int.Parse(text.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }
}
