using System.Globalization;
using System.Text;
using Covid.Server.Jobs;
using Covid.SparkJob.Errors;

namespace Covid.Server.Grpc;

/// <summary>
/// Page tokens, opaque to clients (base64url) and checked when they come back: a ListAnalyses
/// token is the place of the last analysis of the previous page (creation time and id), so
/// analyses submitted or expired between pages neither shift nor repeat entries; a GetResult token
/// is the analysis and the row the next page starts at, refused for any other analysis.
/// </summary>
internal static class PageToken
{
    private const string ListKind = "l";
    private const string ResultKind = "r";

    public static string Encode(AnalysisKey last) => Pack(ListKind, last.Created.ToString(CultureInfo.InvariantCulture), last.Id);

    /// <summary>Where the page starts: after this key; null for the first page.</summary>
    public static AnalysisKey? DecodeList(string token)
    {
        if (token.Length == 0)
        {
            return null;
        }
        var parts = Unpack(token, ListKind);
        return long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var created) && AnalysisNames.IsValidId(parts[2])
            ? new AnalysisKey(created, parts[2])
            : throw Refused();
    }

    public static string EncodeResult(string id, long row) => Pack(ResultKind, id, row.ToString(CultureInfo.InvariantCulture));

    /// <summary>The row the page starts at (0 for the first page) of analysis <paramref name="id"/> with <paramref name="rows"/> rows.</summary>
    public static long DecodeResult(string token, string id, long rows)
    {
        if (token.Length == 0)
        {
            return 0;
        }
        var parts = Unpack(token, ResultKind);
        if (parts[1] != id)
        {
            throw ServiceException.InvalidArgument("page_token", "a token of another analysis' result; page tokens belong to the result they came with");
        }
        return long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var row) && row > 0 && row < rows ? row : throw Refused();
    }

    private static string Pack(string kind, string a, string b) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{kind}.{a}.{b}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string[] Unpack(string token, string kind)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '='))).Split('.');
            return parts.Length == 3 && parts[0] == kind ? parts : throw Refused();
        }
        catch (FormatException)
        {
            throw Refused();
        }
    }

    private static ServiceException Refused() => ServiceException.InvalidArgument("page_token", "not a token this server issued");
}
