using System.Text.RegularExpressions;

namespace Covid.Tests.Support;

/// <summary>The repository's README.md, split into its "## " sections, with the code tokens of each.</summary>
internal sealed partial class ReadmeDocument
{
    private readonly Dictionary<string, string> sections = new(StringComparer.Ordinal);

    private ReadmeDocument(string text)
    {
        var current = "";
        var body = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                sections[current] = string.Join('\n', body);
                current = line[3..].Trim();
                body.Clear();
            }
            else
            {
                body.Add(line);
            }
        }
        sections[current] = string.Join('\n', body);
    }

    public static ReadmeDocument Load() => new(File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")));

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Covid.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Covid.sln not found above " + AppContext.BaseDirectory);
    }

    public string Section(string title) =>
        sections.TryGetValue(title, out var body) ? body : throw new InvalidOperationException($"README.md has no section '## {title}'");

    /// <summary>Every `code` token of a section, fenced code blocks left out.</summary>
    public static IReadOnlySet<string> CodeTokens(string section) =>
        CodeSpan().Matches(FencedBlock().Replace(section, "")).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>The bodies of a section's fenced code blocks in this language ("bash", "csharp" …), in order.</summary>
    public static IReadOnlyList<string> FencedBlocks(string section, string language) =>
        FencedBlock().Matches(section.Replace("\r\n", "\n", StringComparison.Ordinal))
            .Select(m => m.Value.Split('\n'))
            .Where(lines => lines[0].Trim() == "```" + language)
            .Select(lines => string.Join('\n', lines[1..^1]))
            .ToList();

    /// <summary>
    /// The rows of the first Markdown table in a section: cells split on unescaped '|', header and
    /// separator rows left out.
    /// </summary>
    public static IReadOnlyList<string[]> TableRows(string section) =>
        section.Split('\n')
            .Where(l => l.StartsWith('|'))
            .Skip(2)
            .Select(l => CellSeparator().Split(l.Trim().Trim('|')).Select(c => c.Trim()).ToArray())
            .ToList();

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex("^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex CellSeparator();
}
