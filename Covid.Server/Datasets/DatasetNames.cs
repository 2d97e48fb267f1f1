using System.Text.RegularExpressions;

namespace Covid.Server.Datasets;

/// <summary>Dataset names double as directory names, so only a safe, boring alphabet is allowed.</summary>
public static partial class DatasetNames
{
    public const string Rule = "lowercase letters, digits and dashes, starting with a letter or digit, up to 63 characters";

    public static bool IsValid(string name) => Pattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex Pattern();
}
