using System.Reflection;
using System.Text.RegularExpressions;
using Covid.Server.Kubernetes;
using Covid.Server.Spark;
using Covid.Tests.Support;

namespace Covid.Tests.Server.Hosting;

/// <summary>README.md's configuration table names every Kubernetes and Spark key the server binds.</summary>
public sealed partial class ConfigurationTableTests
{
    /// <summary>Keys in the table's first column: "`Spark:DriverMemory`, `DriverCores`" names Spark:DriverMemory and Spark:DriverCores.</summary>
    private static HashSet<string> DocumentedKeys()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var readme = File.ReadAllText(Path.Combine(CdcFiles.RepoRoot, "README.md"));
        foreach (var row in readme.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var section = "";
            foreach (Match token in Backticked().Matches(row.Split('|')[1]))
            {
                var text = token.Groups[1].Value;
                var colon = text.LastIndexOf(':');
                section = colon > 0 ? text[..colon] : section;
                keys.Add(colon > 0 ? text : $"{section}:{text}");
            }
        }
        return keys;
    }

    [Theory]
    [InlineData(typeof(KubernetesOptions), KubernetesOptions.Section)]
    [InlineData(typeof(SparkOptions), SparkOptions.Section)]
    public void Readme_ConfigurationTable_NamesEveryBoundKey(Type options, string section)
    {
        var documented = DocumentedKeys();
        var bound = options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => $"{section}:{p.Name}");

        var missing = bound.Where(key => !documented.Contains(key)).ToList();
        Assert.True(missing.Count == 0, "README.md's configuration table lacks " + string.Join(", ", missing));
    }

    [GeneratedRegex("`([A-Za-z:]+)`")]
    private static partial Regex Backticked();
}
