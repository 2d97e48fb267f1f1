using System.Globalization;
using System.Text;

namespace Covid.SparkJob.Spark;

/// <summary>
/// A <c>spark.properties</c> file as <c>java.util.Properties.load</c> reads it: one
/// <c>key=value</c> line per conf, sorted so the file is stable, escaped as Properties.store does.
/// </summary>
public static class SparkProperties
{
    public static string Format(IReadOnlyDictionary<string, string> properties)
    {
        var sb = new StringBuilder();
        foreach (var (key, value) in properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sb.Append(Escape(key, isKey: true)).Append('=').Append(Escape(value, isKey: false)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// Backslash, the separators '=' and ':', the comment starts '#' and '!', line breaks and
    /// anything outside printable ASCII are escaped; spaces in keys (and a value's leading space,
    /// which load() would strip) are escaped too.
    /// </summary>
    public static string Escape(string text, bool isKey)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case ' ' when isKey || i == 0:
                    sb.Append("\\ ");
                    break;
                case '\\' or '=' or ':' or '#' or '!':
                    sb.Append('\\').Append(c);
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\f':
                    sb.Append("\\f");
                    break;
                case < ' ' or > '~':
                    sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }
}
