using System.Text.RegularExpressions;

namespace Covid.Tests.Support.Deploy;

/// <summary>Just enough Dockerfile parsing for the invariants: instructions, continuation lines joined.</summary>
public static partial class Dockerfiles
{
    public static Task<string> ReadAsync(string name) => File.ReadAllTextAsync(DeployBundle.PathOf(name));

    /// <summary>Logical lines (comments dropped, "\" continuations joined) as (INSTRUCTION, arguments).</summary>
    public static IReadOnlyList<(string Instruction, string Arguments)> Parse(string text)
    {
        var result = new List<(string, string)>();
        var current = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith('#')) continue; // Docker drops comment lines, even inside a continuation
            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }
            current += line;
            if (!string.IsNullOrWhiteSpace(current))
            {
                var trimmed = current.Trim();
                var space = trimmed.IndexOf(' ');
                result.Add(space < 0 ? (trimmed.ToUpperInvariant(), "") : (trimmed[..space].ToUpperInvariant(), trimmed[(space + 1)..].Trim()));
            }
            current = "";
        }
        return result;
    }

    public static IReadOnlyList<string> Instructions(string text, string instruction) =>
        Parse(text).Where(i => i.Instruction == instruction).Select(i => i.Arguments).ToList();

    /// <summary>Instructions of the last stage only (what the image is).</summary>
    public static IReadOnlyList<(string Instruction, string Arguments)> FinalStage(string text)
    {
        var all = Parse(text);
        var lastFrom = all.Select((i, index) => (i, index)).Last(p => p.i.Instruction == "FROM").index;
        return all.Skip(lastFrom).ToList();
    }

    /// <summary>The image the final stage starts from (without "AS name").</summary>
    public static string FinalFrom(string text) => ImageOf(FinalStage(text)[0].Arguments);

    public static string ImageOf(string fromArguments) =>
        FromFlags().Replace(fromArguments, "").Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];

    [GeneratedRegex(@"--[a-z]+=\S+\s*")]
    private static partial Regex FromFlags();
}
