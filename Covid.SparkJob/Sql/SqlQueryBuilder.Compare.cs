using Covid.SparkJob.Planning;
using Covid.SparkJob.Results;

namespace Covid.SparkJob.Sql;

/// <summary>
/// compareTo: each version's rows computed alike, then a FULL OUTER JOIN on the period and the
/// group-by columns, so a row found in one version only keeps nulls on the other side. Group
/// values can be NULL (an empty cell), so the keys match with IS NOT DISTINCT FROM. Top-N, order
/// and limit apply to the joined rows, so both versions are compared row for row before any cut.
/// </summary>
internal abstract partial class SqlQueryBuilder
{
    private string Compared(AnalysisPlan plan, string now, string then)
    {
        var a = Identifier("this_version");
        var b = Identifier("other_version");
        var metrics = plan.Metrics.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var keys = (plan.HasPeriod ? [AnalysisPlan.PeriodColumn] : Array.Empty<string>()).Concat(plan.GroupBy.Select(f => f.Name))
            .Select(k => $"{a}.{Identifier(k)} IS NOT DISTINCT FROM {b}.{Identifier(k)}").ToList();
        var columns = new List<string>();
        foreach (var column in plan.VersionColumns.Select(c => c.Name))
        {
            var mine = $"{a}.{Identifier(column)}";
            var theirs = $"{b}.{Identifier(column)}";
            if (!metrics.Contains(column))
            {
                // The period, its time columns and the groups: whichever side has the row.
                columns.Add($"COALESCE({mine}, {theirs}) AS {Identifier(column)}");
                continue;
            }
            columns.Add($"{mine} AS {Identifier(column)}");
            columns.Add($"{theirs} AS {Identifier(RevisionColumns.Then(column))}");
            // NULL when either side is: a row new in this version has no revision.
            columns.Add($"{mine} - {theirs} AS {Identifier(RevisionColumns.Revision(column))}");
        }
        return $"SELECT {string.Join(",\n  ", columns)}\nFROM (\n{Indent(now)}\n) AS {a}\n" +
               $"FULL OUTER JOIN (\n{Indent(then)}\n) AS {b}\n  ON {(keys.Count == 0 ? "1 = 1" : string.Join("\n  AND ", keys))}";
    }
}
