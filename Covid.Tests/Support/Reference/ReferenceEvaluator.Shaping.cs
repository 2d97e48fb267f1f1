using Covid.V1;
using Aggregation = Covid.V1.Metric.Types.Aggregation;
using TimeBucket = Covid.V1.AnalysisSpec.Types.TimeBucket;

namespace Covid.Tests.Support.Reference;

/// <summary>Rolling windows, top-N and ordering of the reference computation.</summary>
internal static partial class ReferenceEvaluator
{
    /// <summary>A tuple of key values with value equality (null equal to null), for GroupBy.</summary>
    internal sealed record Key(object?[] Values)
    {
        public bool Equals(Key? other) => other is not null && Values.SequenceEqual(other.Values);

        public override int GetHashCode() => Values.Aggregate(17, (h, v) => h * 31 + (v?.GetHashCode() ?? 0));
    }

    private static List<Dictionary<string, object?>> Rolling(AnalysisSpec spec, List<Dictionary<string, object?>> table)
    {
        var dated = table.Where(r => r["period"] is DateOnly).ToList();
        var groups = table.Select(r => new Key(spec.GroupBy.Select(g => r[g]).ToArray())).Distinct().ToList();
        var grid = new List<Dictionary<string, object?>>();
        if (dated.Count > 0)
        {
            var low = dated.Min(r => (DateOnly)r["period"]!);
            var high = dated.Max(r => (DateOnly)r["period"]!);
            for (var p = low; p <= high; p = Next(p, spec.TimeBucket))
            {
                foreach (var g in groups)
                {
                    var found = dated.FirstOrDefault(r => (DateOnly)r["period"]! == p && new Key(spec.GroupBy.Select(c => r[c]).ToArray()).Equals(g));
                    var row = new Dictionary<string, object?>(StringComparer.Ordinal) { ["period"] = p };
                    for (var i = 0; i < spec.GroupBy.Count; i++)
                    {
                        row[spec.GroupBy[i]] = g.Values[i];
                    }
                    foreach (var m in spec.Metrics.Where(m => m.Ratio is null && m.Rolling is null && m.Per100K is null))
                    {
                        var additive = m.Aggregation is Aggregation.Sum or Aggregation.Count;
                        row[m.Name] = found is not null ? found[m.Name] : additive ? 0L : null;
                    }
                    grid.Add(row);
                }
            }
        }
        foreach (var m in spec.Metrics.Where(m => m.Rolling is not null))
        {
            foreach (var series in grid.GroupBy(r => new Key(spec.GroupBy.Select(g => r[g]).ToArray())))
            {
                var list = series.OrderBy(r => (DateOnly)r["period"]!).ToList();
                for (var i = 0; i < list.Count; i++)
                {
                    var n = m.Rolling.Periods;
                    list[i][m.Name] = i + 1 < n ? null : list.Skip(i + 1 - n).Take(n).Average(r => r[m.Rolling.Metric] is { } v ? Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) : 0.0);
                }
            }
        }
        return grid;
    }

    private static DateOnly Next(DateOnly p, TimeBucket bucket) => bucket switch
    {
        TimeBucket.Day => p.AddDays(1),
        TimeBucket.Week => p.AddDays(7),
        _ => p.AddMonths(1),
    };

    private static List<Dictionary<string, object?>> TopN(AnalysisSpec spec, TopN top, List<Dictionary<string, object?>> table)
    {
        var tieBreak = (top.PerPeriod || spec.TimeBucket == TimeBucket.Unspecified ? [] : new[] { "period" }).Concat(spec.GroupBy).ToList();
        return table.GroupBy(r => top.PerPeriod ? r["period"] : null)
            .SelectMany(partition => partition.Order(Comparer([(top.By, true), .. tieBreak.Select(c => (c, false))])).Take(top.N))
            .ToList();
    }

    private static IEnumerable<Dictionary<string, object?>> Order(AnalysisSpec spec, List<Dictionary<string, object?>> table, bool hasPeriod)
    {
        var keys = spec.OrderBy.Select(o => (o.Column, o.Descending)).ToList();
        foreach (var key in (hasPeriod ? ["period"] : Array.Empty<string>()).Concat(spec.GroupBy))
        {
            if (!keys.Any(k => k.Column == key))
            {
                keys.Add((key, false));
            }
        }
        return table.Order(Comparer(keys));
    }

    /// <summary>Compares rows by keys, nulls last in either direction, text by ordinal (byte) order as both engines do.</summary>
    private static Comparer<Dictionary<string, object?>> Comparer(IReadOnlyList<(string Column, bool Descending)> keys) =>
        Comparer<Dictionary<string, object?>>.Create((a, b) =>
        {
            foreach (var (column, descending) in keys)
            {
                var (x, y) = (a[column], b[column]);
                var c = (x, y) switch
                {
                    (null, null) => 0,
                    (null, _) => 1,
                    (_, null) => -1,
                    (string s, string t) => (descending ? -1 : 1) * string.CompareOrdinal(s, t),
                    _ => (descending ? -1 : 1) * System.Collections.Comparer.DefaultInvariant.Compare(Normalize(x), Normalize(y)),
                };
                if (c != 0)
                {
                    return c;
                }
            }
            return 0;
        });

    private static object Normalize(object value) => value is long l ? (double)l : value;
}
