using System.Globalization;

namespace Covid.SparkJob.Spark;

/// <summary>
/// JVM memory strings as Spark reads them ("512m", "2g", "1024" = MiB) and the pod memory Spark
/// asks Kubernetes for: the heap plus an overhead of 10 %, at least 384 MiB.
/// </summary>
public static class SparkMemory
{
    public const long MinimumOverheadMib = 384;
    public const double OverheadFactor = 0.10;

    /// <summary>The amount in MiB; a bare number is MiB, as for spark.driver.memory and spark.executor.memory.</summary>
    public static long ParseMib(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim().ToLowerInvariant();
        // "2gb" means "2g"; a lone "b" (bytes) is not a size Spark accepts for heaps.
        if (text.Length > 2 && text[^1] == 'b' && char.IsLetter(text[^2]))
        {
            text = text[..^1];
        }
        var hasUnit = text.Length > 0 && char.IsLetter(text[^1]);
        var unit = hasUnit ? text[^1] : 'm';
        var digits = hasUnit ? text[..^1] : text;
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            throw new FormatException($"\"{value}\" is not a JVM memory size such as 512m or 2g");
        }
        return unit switch
        {
            'k' => Math.Max(1, amount / 1024),
            'm' => amount,
            'g' => checked(amount * 1024),
            't' => checked(amount * 1024 * 1024),
            _ => throw new FormatException($"\"{value}\" has an unknown unit '{unit}'; use k, m, g or t"),
        };
    }

    /// <summary>Heap plus overhead, in MiB: what the pod requests and is limited to.</summary>
    public static long PodMib(string heap)
    {
        var mib = ParseMib(heap);
        return mib + Math.Max(MinimumOverheadMib, (long)(mib * OverheadFactor));
    }
}
