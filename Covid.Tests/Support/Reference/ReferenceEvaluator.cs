using Covid.V1;
using Aggregation = Covid.V1.Metric.Types.Aggregation;
using TimeBucket = Covid.V1.AnalysisSpec.Types.TimeBucket;

namespace Covid.Tests.Support.Reference;

/// <summary>
/// What a spec means, computed with LINQ over hand-parsed rows — no SQL, no planner — so a DuckDB
/// result can be checked against it. Follows the spec's documented semantics: IN filters (""
/// matching the empty cell), Monday weeks, SQL aggregate null rules, gap-free zero-filled rolling
/// windows (null until full), per-100k from the Census CSV, top-N with group-column tie-breaks.
/// </summary>
internal static partial class ReferenceEvaluator
{
    public static (IReadOnlyList<string> Columns, List<object?[]> Rows) Evaluate(
        AnalysisSpec spec, IEnumerable<IReadOnlyDictionary<string, object?>> data, string dateField, IReadOnlyDictionary<string, long> population)
    {
        DateOnly? start = string.IsNullOrEmpty(spec.DateRange?.Start) ? null : DateOnly.Parse(spec.DateRange.Start, System.Globalization.CultureInfo.InvariantCulture);
        DateOnly? end = string.IsNullOrEmpty(spec.DateRange?.End) ? null : DateOnly.Parse(spec.DateRange.End, System.Globalization.CultureInfo.InvariantCulture);
        var rows = data.Where(r => InRange(r[dateField] as DateOnly?, start, end) && spec.Filters.All(f => Matches(f, r))).ToList();
        var hasPeriod = spec.TimeBucket != TimeBucket.Unspecified;
        var keyNames = (hasPeriod ? ["period"] : Array.Empty<string>()).Concat(spec.GroupBy).ToList();
        var aggregates = spec.Metrics.Where(m => m.Ratio is null && m.Rolling is null && m.Per100K is null).ToList();

        // Result rows as column name → value, one per (period, groups) present in the rows.
        var table = rows.GroupBy(r => new Key((hasPeriod ? [Bucket(r[dateField] as DateOnly?, spec.TimeBucket)] : Array.Empty<object?>()).Concat(spec.GroupBy.Select(g => r[g])).ToArray()))
            .Select(g =>
            {
                var row = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var i = 0; i < keyNames.Count; i++)
                {
                    row[keyNames[i]] = g.Key.Values[i];
                }
                foreach (var m in aggregates)
                {
                    row[m.Name] = Aggregate(m, g.Where(r => m.Where.All(f => Matches(f, r))).ToList());
                }
                return row;
            }).ToList();
        if (table.Count == 0 && !hasPeriod && spec.GroupBy.Count == 0)
        {
            // A global aggregate has one row even over no rows.
            table.Add(aggregates.ToDictionary(m => m.Name, m => Aggregate(m, [])));
        }
        if (spec.Metrics.Any(m => m.Rolling is not null))
        {
            table = Rolling(spec, table);
        }
        foreach (var m in spec.Metrics.Where(m => m.Ratio is not null || m.Per100K is not null))
        {
            foreach (var row in table)
            {
                row[m.Name] = m.Ratio is { } ratio
                    ? Divide(row[ratio.Numerator], row[ratio.Denominator])
                    : row[m.Per100K.Metric] is { } v && row[spec.GroupBy.Single(g => g == "state")] is string code && population.TryGetValue(code, out var residents)
                        ? Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) * 100000 / residents
                        : null;
            }
        }
        if (spec.TopN is { } top)
        {
            table = TopN(spec, top, table);
        }
        var columns = keyNames.Concat(spec.Metrics.Select(m => m.Name)).ToList();
        var ordered = Order(spec, table, hasPeriod);
        var limit = spec.Limit == 0 ? 100_000 : spec.Limit;
        return (columns, ordered.Take(limit).Select(r => columns.Select(c => r[c]).ToArray()).ToList());
    }

    private static bool InRange(DateOnly? date, DateOnly? start, DateOnly? end) =>
        (start is null || (date is { } d1 && d1 >= start)) && (end is null || (date is { } d2 && d2 <= end));

    private static bool Matches(Filter filter, IReadOnlyDictionary<string, object?> row) =>
        filter.Values.Any(v => v.Length == 0 ? row[filter.Field] is null : Equals(row[filter.Field]?.ToString(), v));

    internal static DateOnly? Bucket(DateOnly? date, TimeBucket bucket) => date is not { } d ? null : bucket switch
    {
        TimeBucket.Day => d,
        TimeBucket.Week => Weeks.Monday(d),
        TimeBucket.Month => new DateOnly(d.Year, d.Month, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(bucket)),
    };

    private static object? Aggregate(Metric metric, List<IReadOnlyDictionary<string, object?>> rows)
    {
        var values = metric.Field.Length == 0 ? [] : rows.Select(r => r[metric.Field]).Where(v => v is not null).ToList();
        var numbers = values.Select(v => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return metric.Aggregation switch
        {
            Aggregation.Count => metric.Field.Length == 0 ? rows.Count : (long)values.Count,
            Aggregation.Sum => values.Count == 0 ? null : values.Sum(v => (long)v!),
            Aggregation.Mean => numbers.Count == 0 ? null : numbers.Average(),
            Aggregation.Min => values.Count == 0 ? null : values.Min(),
            Aggregation.Max => values.Count == 0 ? null : values.Max(),
            _ => throw new ArgumentOutOfRangeException(nameof(metric)),
        } switch
        {
            int i => (long)i,
            var other => other,
        };
    }

    private static double? Divide(object? numerator, object? denominator)
    {
        if (numerator is null || denominator is null)
        {
            return null;
        }
        var den = Convert.ToDouble(denominator, System.Globalization.CultureInfo.InvariantCulture);
        return den == 0 ? null : Convert.ToDouble(numerator, System.Globalization.CultureInfo.InvariantCulture) / den;
    }
}
