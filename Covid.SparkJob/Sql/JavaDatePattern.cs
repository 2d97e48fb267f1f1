using System.Text;
using Covid.SparkJob.Planning;

namespace Covid.SparkJob.Sql;

/// <summary>
/// A catalog date pattern (.NET custom format: "MM/dd/yyyy", "MM/dd/yyyy hh:mm:ss tt") as a Spark 3
/// datetime pattern (java.time DateTimeFormatter letters). The letters the catalog uses mean the same
/// in both except the AM/PM designator ("tt" in .NET, "a" in Java); anything else is refused rather
/// than guessed, because a wrong pattern makes to_date return NULL silently.
/// </summary>
internal static class JavaDatePattern
{
    public static string From(string dotnet)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < dotnet.Length; i++)
        {
            var c = dotnet[i];
            switch (c)
            {
                case 'y' or 'M' or 'd' or 'H' or 'h' or 'm' or 's':
                    sb.Append(c);
                    break;
                case 't' when i + 1 < dotnet.Length && dotnet[i + 1] == 't':
                    sb.Append('a');
                    i++;
                    break;
                case '/' or '-' or ':' or ' ':
                    sb.Append(c);
                    break;
                default:
                    throw new ArgumentException($"date pattern '{dotnet}' has '{c}', which has no checked Spark equivalent", nameof(dotnet));
            }
        }
        return sb.ToString();
    }
}
