using System.Globalization;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Planning;

namespace Covid.SparkJob.Sql;

/// <summary>
/// Change metrics: each group's value against its value N periods before, from LAG over the
/// gap-free grid (so N rows back is N periods back, in both engines). Absolute changes are null
/// where either value is missing; percent changes also where the earlier value is 0.
/// </summary>
internal abstract partial class SqlQueryBuilder
{
    private string Changed(AnalysisPlan plan, string result)
    {
        var groups = plan.GroupBy.Select(f => Identifier(f.Name)).ToList();
        var partition = groups.Count > 0 ? $"PARTITION BY {string.Join(", ", groups)} " : "";
        var order = $"ORDER BY {Identifier(AnalysisPlan.PeriodColumn)}";
        var changes = plan.Metrics.Where(m => m.ChangeOf is not null).ToList();
        var lags = changes.Select(m =>
            $"LAG({Identifier(m.ChangeOf!)}, {m.ChangePeriods.ToString(CultureInfo.InvariantCulture)}) OVER ({partition}{order}) AS {Identifier(Then(m))}");
        var lagged = $"SELECT *,\n  {string.Join(",\n  ", lags)}\nFROM (\n{Indent(result)}\n) AS {Identifier("result")}";
        var columns = plan.VersionColumns.Select(c => changes.FirstOrDefault(m => m.Name == c.Name) is { } change
            ? ChangeColumn(change)
            : Identifier(c.Name));
        return $"SELECT {string.Join(", ", columns)}\nFROM (\n{Indent(lagged)}\n) AS {Identifier("lagged")}";
    }

    private string ChangeColumn(PlannedMetric change)
    {
        var now = Identifier(change.ChangeOf!);
        var then = Identifier(Then(change));
        var difference = $"CAST({now} AS DOUBLE) - {then}";
        return change.ChangePercent
            ? $"CASE WHEN {then} IS NULL OR {then} = 0 OR {now} IS NULL THEN NULL ELSE 100 * ({difference}) / {then} END AS {Identifier(change.Name)}"
            : $"CASE WHEN {then} IS NULL OR {now} IS NULL THEN NULL ELSE {difference} END AS {Identifier(change.Name)}";
    }

    /// <summary>The lagged value's column; the catalog refuses field names with the reserved prefix, metric names start with a letter.</summary>
    private static string Then(PlannedMetric change) => ReservedColumns.Prefix + "then_" + change.Name;
}
