using System.Globalization;

namespace Covid.Bench;

/// <summary>Positional arguments and <c>--name value</c> options of a figure.</summary>
internal sealed class BenchArgs
{
    private readonly Dictionary<string, string> named = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    public static BenchArgs Parse(string[] args, int positional)
    {
        var parsed = new BenchArgs();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                var takesValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
                parsed.named[args[i]] = takesValue ? args[++i] : "true";
            }
            else
            {
                parsed.Positional.Add(args[i]);
            }
        }
        if (parsed.Positional.Count < positional)
        {
            throw new ArgumentException($"expected {positional} positional arguments, got {parsed.Positional.Count}");
        }
        return parsed;
    }

    public bool Flag(string name) => named.ContainsKey(name);

    public string? String(string name) => named.GetValueOrDefault(name);

    public int Int(string name, int fallback) => named.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) => named.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public int[] Ints(string name, int[] fallback) =>
        named.TryGetValue(name, out var v) ? v.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray() : fallback;
}
