using System.Text;
using Covid.SparkJob.Errors;
using Covid.V1;

namespace Covid.Server.Grpc;

/// <summary>
/// ListAnalyses page tokens: the name of the last analysis on the previous page. Keyed by name,
/// not offset, so analyses submitted between pages do not shift or repeat entries.
/// </summary>
internal static class PageToken
{
    public static string Encode(Analysis last) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(last.Name)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The index in <paramref name="newest"/> where the page starts.</summary>
    public static int Decode(string token, IReadOnlyList<Analysis> newest)
    {
        if (token.Length == 0)
        {
            return 0;
        }
        string name;
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            name = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=')));
        }
        catch (FormatException)
        {
            throw ServiceException.InvalidArgument("page_token", "not a token this server issued");
        }
        for (var i = 0; i < newest.Count; i++)
        {
            if (newest[i].Name == name)
            {
                return i + 1;
            }
        }
        throw ServiceException.InvalidArgument("page_token", "not a token this server issued");
    }
}
