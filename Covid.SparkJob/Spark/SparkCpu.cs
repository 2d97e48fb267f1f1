using System.Globalization;

namespace Covid.SparkJob.Spark;

/// <summary>
/// CPU amounts as Spark's <c>spark.kubernetes.*.request.cores</c> / <c>.limit.cores</c> take them and
/// Kubernetes reads them: whole or fractional cores ("1", "0.5") or millicores ("500m").
/// </summary>
public static class SparkCpu
{
    /// <summary>The amount in millicores; throws <see cref="FormatException"/> for anything else, zero or negative.</summary>
    public static long ParseMillicores(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        var milli = text.EndsWith('m');
        var number = milli ? text[..^1] : text;
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            throw new FormatException($"\"{value}\" is not a CPU amount such as 1, 0.5 or 500m");
        }
        var millicores = milli ? amount : amount * 1000;
        if (millicores != decimal.Truncate(millicores))
        {
            throw new FormatException($"\"{value}\" is finer than one millicore");
        }
        return (long)millicores;
    }

    /// <summary>Millicores as Kubernetes writes them: whole cores plainly ("2"), the rest with "m" ("1500m").</summary>
    public static string Format(long millicores) => millicores % 1000 == 0
        ? (millicores / 1000).ToString(CultureInfo.InvariantCulture)
        : millicores.ToString(CultureInfo.InvariantCulture) + "m";
}
