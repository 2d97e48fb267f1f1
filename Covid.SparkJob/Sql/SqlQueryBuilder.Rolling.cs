using System.Globalization;
using Covid.SparkJob.Planning;

namespace Covid.SparkJob.Sql;

/// <summary>
/// Rolling means (and changes, a layer up) over a gap-free grid: every period from the first to the last one with rows,
/// crossed with every group that has rows, left-joined with the aggregate. A period a group has no
/// rows in is a zero of its SUM and COUNT metrics (a week nobody reported is not skipped, which
/// would stretch the window over more than N weeks); other metrics stay NULL there.
/// </summary>
internal abstract partial class SqlQueryBuilder
{
    private string Rolled(AnalysisPlan plan)
    {
        var period = Identifier(AnalysisPlan.PeriodColumn);
        var groups = plan.GroupBy.Select(f => Identifier(f.Name)).ToList();
        var bounds = Identifier("bounds");
        var boundsFrom = $"(SELECT MIN({period}) AS {Identifier("low")}, MAX({period}) AS {Identifier("high")} FROM {Identifier(Aggregated)}) AS {bounds}";
        var periods = $"(\n{Periods(Identifier("low"), Identifier("high"), boundsFrom, plan)}\n) AS {Identifier("periods")}";
        var grid = Identifier("grid");
        var a = Identifier("a");
        var gridSelect = new List<string> { $"{Identifier("periods")}.{period} AS {period}" };
        var gridFrom = periods;
        if (groups.Count > 0)
        {
            gridSelect.AddRange(groups.Select(g => $"{Identifier("groups")}.{g} AS {g}"));
            gridFrom += $"\nCROSS JOIN (SELECT DISTINCT {string.Join(", ", groups)} FROM {Identifier(Aggregated)}) AS {Identifier("groups")}";
        }

        var filled = new List<string> { $"{grid}.{period} AS {period}" };
        filled.AddRange(groups.Select(g => $"{grid}.{g} AS {g}"));
        foreach (var metric in plan.Metrics.Where(m => m.IsAggregate))
        {
            var column = $"{a}.{Identifier(metric.Name)}";
            // The join matched no aggregate row: the group had no rows that period.
            filled.Add(metric.IsAdditive
                ? $"CASE WHEN {a}.{period} IS NULL THEN 0 ELSE {column} END AS {Identifier(metric.Name)}"
                : $"{column} AS {Identifier(metric.Name)}");
        }
        // Group values can be NULL (an empty cell), so the join must treat NULL as equal to NULL.
        var on = new[] { $"{a}.{period} = {grid}.{period}" }.Concat(groups.Select(g => $"{a}.{g} IS NOT DISTINCT FROM {grid}.{g}"));
        var filledSql = $"SELECT {string.Join(",\n  ", filled)}\nFROM (\n  SELECT {string.Join(", ", gridSelect)}\n  FROM {gridFrom.Replace("\n", "\n  ", StringComparison.Ordinal)}\n) AS {grid}\n" +
                        $"LEFT JOIN {Identifier(Aggregated)} AS {a}\n  ON {string.Join("\n  AND ", on)}";

        var windows = plan.Metrics.Where(m => m.RollingOf is not null).Select(m => RollingColumn(m, groups, period)).ToList();
        return windows.Count == 0
            ? filledSql
            : $"SELECT *,\n  {string.Join(",\n  ", windows)}\nFROM (\n{Indent(filledSql)}\n) AS {Identifier("filled")}";
    }

    /// <summary>
    /// The mean of the last N periods, NULL until N periods exist (a 7-day average of 3 days is not
    /// a 7-day average). The grid has one row per period, so N rows are N periods.
    /// </summary>
    private string RollingColumn(PlannedMetric metric, IReadOnlyList<string> groups, string period)
    {
        var n = metric.RollingPeriods;
        var partition = groups.Count > 0 ? $"PARTITION BY {string.Join(", ", groups)} " : "";
        var window = $"({partition}ORDER BY {period} ROWS BETWEEN {(n - 1).ToString(CultureInfo.InvariantCulture)} PRECEDING AND CURRENT ROW)";
        var value = $"CAST(COALESCE({Identifier(metric.RollingOf!)}, 0) AS DOUBLE)";
        return $"CASE WHEN COUNT(*) OVER {window} = {n.ToString(CultureInfo.InvariantCulture)} THEN AVG({value}) OVER {window} ELSE NULL END AS {Identifier(metric.Name)}";
    }
}
