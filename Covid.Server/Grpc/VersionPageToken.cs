using System.Globalization;
using System.Text;
using Covid.SparkJob.Errors;

namespace Covid.Server.Grpc;

/// <summary>
/// ListDatasetVersions page tokens: the number of the last version on the previous page. Versions
/// are listed newest first and numbers only grow, so loads and pruning between pages neither
/// shift nor repeat entries.
/// </summary>
internal static class VersionPageToken
{
    private const string Prefix = "version:";

    public static string Encode(int lastVersion) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + lastVersion.ToString(CultureInfo.InvariantCulture))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The number the page continues below, or int.MaxValue for the first page.</summary>
    public static int Decode(string token)
    {
        if (token.Length == 0)
        {
            return int.MaxValue;
        }
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=')));
            if (text.StartsWith(Prefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0)
            {
                return number;
            }
        }
        catch (FormatException)
        {
        }
        throw ServiceException.InvalidArgument("page_token", "not a token this server issued");
    }
}
