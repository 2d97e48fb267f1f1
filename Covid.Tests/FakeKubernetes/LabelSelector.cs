namespace Covid.Tests.FakeKubernetes;

/// <summary>
/// A parsed Kubernetes label selector: equality (<c>a=b</c>, <c>a==b</c>, <c>a!=b</c>), set-based
/// (<c>a in (x,y)</c>, <c>a notin (x,y)</c>) and existence (<c>a</c>, <c>!a</c>) requirements,
/// comma-separated and all required. Invalid syntax is a 400 like the real API server's.
/// </summary>
public sealed class LabelSelector
{
    private readonly IReadOnlyList<Func<IDictionary<string, string>, bool>> _requirements;

    private LabelSelector(IReadOnlyList<Func<IDictionary<string, string>, bool>> requirements, string text)
    {
        _requirements = requirements;
        Text = text;
    }

    /// <summary>Selects everything.</summary>
    public static LabelSelector Everything { get; } = new([], "");

    /// <summary>The selector as given.</summary>
    public string Text { get; }

    /// <summary>Parses a selector; null or empty selects everything.</summary>
    /// <exception cref="KubeApiException">400 BadRequest on bad syntax.</exception>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }
        var requirements = new List<Func<IDictionary<string, string>, bool>>();
        foreach (var raw in SplitTopLevel(text))
        {
            requirements.Add(ParseRequirement(raw.Trim(), text));
        }
        return new LabelSelector(requirements, text);
    }

    /// <summary>True when every requirement holds for these labels (null = no labels).</summary>
    public bool Matches(IDictionary<string, string>? labels)
    {
        labels ??= new Dictionary<string, string>();
        return _requirements.All(r => r(labels));
    }

    private static Func<IDictionary<string, string>, bool> ParseRequirement(string req, string whole)
    {
        if (req.Length == 0)
        {
            throw Invalid(whole);
        }
        var words = req.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length >= 2 && (words[1] == "in" || words[1] == "notin" || words[1].StartsWith("in(", StringComparison.Ordinal) || words[1].StartsWith("notin(", StringComparison.Ordinal)))
        {
            var key = Key(words[0], whole);
            var rest = req[words[0].Length..].TrimStart();
            var negate = rest.StartsWith("notin", StringComparison.Ordinal);
            rest = rest[(negate ? 5 : 2)..].Trim();
            if (!rest.StartsWith('(') || !rest.EndsWith(')'))
            {
                throw Invalid(whole);
            }
            var values = rest[1..^1].Split(',').Select(v => v.Trim()).ToHashSet(StringComparer.Ordinal);
            if (values.Any(v => v.Length == 0 && values.Count > 1))
            {
                throw Invalid(whole);
            }
            return negate
                ? labels => !labels.TryGetValue(key, out var v) || !values.Contains(v)
                : labels => labels.TryGetValue(key, out var v) && values.Contains(v);
        }
        foreach (var op in new[] { "!=", "==", "=" })
        {
            var at = req.IndexOf(op, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }
            var key = Key(req[..at].Trim(), whole);
            var value = req[(at + op.Length)..].Trim();
            if (value.Contains('=') || value.Contains(' '))
            {
                throw Invalid(whole);
            }
            return op == "!="
                ? labels => !labels.TryGetValue(key, out var v) || v != value
                : labels => labels.TryGetValue(key, out var v) && v == value;
        }
        if (req.StartsWith('!'))
        {
            var key = Key(req[1..].Trim(), whole);
            return labels => !labels.ContainsKey(key);
        }
        var existsKey = Key(req, whole);
        return labels => labels.ContainsKey(existsKey);
    }

    private static string Key(string key, string whole)
    {
        if (key.Length == 0 || key.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/')))
        {
            throw Invalid(whole);
        }
        return key;
    }

    private static KubeApiException Invalid(string whole) =>
        KubeApiException.BadRequest($"unable to parse requirement: invalid label selector \"{whole}\"");

    /// <summary>Splits on commas outside parentheses (set values contain commas).</summary>
    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        yield return text[start..];
    }
}
