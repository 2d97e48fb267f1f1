using Covid.SparkJob.Planning;

namespace Covid.SparkJob.Spark;

/// <summary>The plan's ORDER BY (nulls last, as both dialects write it) and LIMIT, applied to rows in memory.</summary>
internal static class ResultOrdering
{
    public static IReadOnlyList<object?[]> Apply(AnalysisPlan plan, List<object?[]> rows)
    {
        var keys = plan.OrderBy.Select(o => (Index: IndexOf(plan, o.Column), o.Descending)).ToList();
        if (keys.Count > 0)
        {
            // List.Sort is not stable; ties keep a deterministic order by comparing whole rows after the keys.
            rows.Sort((a, b) =>
            {
                foreach (var (index, descending) in keys)
                {
                    var c = Compare(a[index], b[index], descending);
                    if (c != 0)
                    {
                        return c;
                    }
                }
                for (var i = 0; i < a.Length; i++)
                {
                    var c = Compare(a[i], b[i], descending: false);
                    if (c != 0)
                    {
                        return c;
                    }
                }
                return 0;
            });
        }
        return rows.Count > plan.Limit ? rows.GetRange(0, plan.Limit) : rows;
    }

    private static int Compare(object? a, object? b, bool descending)
    {
        // NULLS LAST in both directions.
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : 1) : -1;
        }
        var c = (a, b) switch
        {
            // Both engines compare strings by code point, not by culture.
            (string x, string y) => string.CompareOrdinal(x, y),
            // Spark and DuckDB put NaN above every other double; CompareTo puts it below.
            (double x, double y) when double.IsNaN(x) || double.IsNaN(y) => double.IsNaN(x).CompareTo(double.IsNaN(y)),
            _ => ((IComparable)a).CompareTo(b),
        };
        return descending ? -c : c;
    }

    private static int IndexOf(AnalysisPlan plan, string column)
    {
        for (var i = 0; i < plan.Columns.Count; i++)
        {
            if (plan.Columns[i].Name == column)
            {
                return i;
            }
        }
        throw new InvalidOperationException($"the plan orders by \"{column}\", which is not one of its columns");
    }
}
