using System.Text.RegularExpressions;
using Covid.Tests.Support;
using Covid.Tests.Support.Rest;
using Google.Protobuf.Reflection;

namespace Covid.Tests.Architecture;

/// <summary>
/// The README's client sections cannot go stale: every RPC has a curl line at its annotated route
/// (or says it has no REST form) and a buf curl line naming it, and the SDK in 20 lines is the
/// sample the solution compiles and a test runs.
/// </summary>
public sealed partial class ReadmeClientsTests
{
    private static readonly ReadmeDocument Readme = ReadmeDocument.Load();

    [Fact]
    public void RestSection_EveryRpc_ACurlLineAtItsRouteAndABufCurlLine()
    {
        var block = Assert.Single(ReadmeDocument.FencedBlocks(Readme.Section("REST, curl and buf curl"), "bash"));
        var groups = Groups(block);
        var routes = HttpRules.All().ToDictionary(r => r.Method.FullName, r => (r.Verb, r.Route));

        Assert.Equal(16, HttpRules.Methods().Count());
        foreach (var method in HttpRules.Methods())
        {
            var key = $"{method.Service.Name}/{method.Name}";
            Assert.True(groups.TryGetValue(key, out var group), $"no '# {key}' in README's REST block");
            Assert.Contains(group.Lines, l => l.Contains("bufcurl ", StringComparison.Ordinal) && l.Contains($"$S/{method.Service.FullName}/{method.Name}", StringComparison.Ordinal));
            var curl = group.Lines.Where(l => l.StartsWith("curl ", StringComparison.Ordinal)).ToList();
            if (routes.TryGetValue(method.FullName, out var rule))
            {
                var line = Assert.Single(curl);
                Assert.Equal(rule.Verb, Verb(line));
                Assert.Matches(RouteRegex(rule.Route), Path(line, method));
            }
            else
            {
                Assert.Empty(curl);
                Assert.Contains("no REST form", group.Header);
            }
        }
    }

    [Fact]
    public void SdkSection_IsTheCompiledSampleVerbatim()
    {
        var sample = File.ReadAllText(System.IO.Path.Combine(ReadmeDocument.RepositoryRoot(), "Covid.Client", "samples", "Quickstart", "Program.cs"))
            .Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');

        var block = Assert.Single(ReadmeDocument.FencedBlocks(Readme.Section("The SDK in 20 lines"), "csharp"));

        Assert.Equal(sample, block);
        var lines = block.Split('\n').Count(l => l.Trim().Length > 0);
        Assert.True(lines <= 20, $"{lines} lines of code");
    }

    /// <summary>The block's "# Service/Method…" comments, each with the lines up to the next.</summary>
    private static Dictionary<string, (string Header, List<string> Lines)> Groups(string block)
    {
        var groups = new Dictionary<string, (string Header, List<string> Lines)>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var line in block.Split('\n'))
        {
            if (RpcComment().Match(line) is { Success: true } m)
            {
                current = [];
                groups[m.Groups[1].Value] = (line, current);
            }
            else if (line.Length > 0)
            {
                current?.Add(line);
            }
        }
        return groups;
    }

    private static string Verb(string curl) =>
        curl.Contains("-X DELETE", StringComparison.Ordinal) ? "delete"
        : curl.Contains("-X POST", StringComparison.Ordinal) || curl.Contains("--json ", StringComparison.Ordinal) ? "post"
        : "get";

    /// <summary>The path a curl line asks for on $R, with the block's $ID filled in.</summary>
    private static string Path(string curl, MethodDescriptor method)
    {
        var match = RestUrl().Match(curl);
        Assert.True(match.Success, $"{method.Name}: no $R/v1/… URL in: {curl}");
        return match.Groups[1].Value.Replace("$ID", "analyses/0123456789abcdef0123", StringComparison.Ordinal);
    }

    /// <summary>A route template as a regex: "{name=analyses/*}" matches analyses/ID, "{name}" one segment.</summary>
    private static string RouteRegex(string route) =>
        "^" + Regex.Replace(route, @"\{\w+(=([^}]*))?\}|[^{]+", m => !m.Value.StartsWith('{')
            ? Regex.Escape(m.Value)
            : m.Groups[2].Success ? Regex.Escape(m.Groups[2].Value).Replace(@"\*", "[^/:]+", StringComparison.Ordinal) : "[^/:]+") + "$";

    [GeneratedRegex(@"^# (\w+Service/\w+)")]
    private static partial Regex RpcComment();

    [GeneratedRegex(@"\$R(/v1/[^\s""?]+)")]
    private static partial Regex RestUrl();
}
