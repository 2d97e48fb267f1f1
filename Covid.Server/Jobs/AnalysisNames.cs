using System.Security.Cryptography;
using Covid.SparkJob.Errors;

namespace Covid.Server.Jobs;

/// <summary>Analysis ids and their resource names ("analyses/{id}").</summary>
public static class AnalysisNames
{
    private const string Prefix = "analyses/";

    /// <summary>
    /// 20 lowercase hex characters (80 random bits): unguessable, URL-safe, and safe as a
    /// directory name, which matters because ids become paths in the data directory.
    /// </summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));

    public static string Format(string id) => Prefix + id;

    /// <summary>The id in "analyses/{id}" or a bare id; anything else is INVALID_ARGUMENT.</summary>
    public static string ParseId(string name, string field = "name")
    {
        if (string.IsNullOrEmpty(name))
        {
            throw ServiceException.InvalidArgument(field, "required: an analysis name such as \"analyses/0123abcd\"");
        }
        var id = name.StartsWith(Prefix, StringComparison.Ordinal) ? name[Prefix.Length..] : name;
        if (!IsValidId(id))
        {
            throw ServiceException.InvalidArgument(field, $"\"{name}\" is not an analysis name (\"analyses/\" and lowercase letters and digits)");
        }
        return id;
    }

    public static bool IsValidId(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9'));
}
