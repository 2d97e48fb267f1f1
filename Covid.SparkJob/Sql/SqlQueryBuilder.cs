using System.Globalization;
using System.Text;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Planning;
using TimeBucket = Covid.V1.AnalysisSpec.Types.TimeBucket;

namespace Covid.SparkJob.Sql;

/// <summary>
/// The query both dialects share, in layers: the rows (with the derived geography when the spec
/// uses it); an aggregate over the filtered rows (conditional aggregates as FILTER clauses); when
/// a metric is rolling or a change, that aggregate on the gap-free period × group grid with
/// trailing windows; the result columns (time columns, ratios, per-100k via the population join);
/// the changes (LAG over the periods of each group); optionally a ROW_NUMBER top-N; then order and
/// limit. Dialects only decide how identifiers are quoted, how values become SQL (bound or
/// escaped), a few date primitives and how a series of periods is generated — so the meaning
/// cannot drift apart.
/// </summary>
internal abstract partial class SqlQueryBuilder
{
    /// <summary>Rank column of the top-N layer; metric names start with a letter and the catalog refuses it as a field name.</summary>
    internal const string RankColumn = ReservedColumns.Rank;

    /// <summary>Quotes a catalog field name or a validated metric name.</summary>
    protected abstract string Identifier(string name);

    /// <summary>SQL for a typed spec value: a bound parameter or an escaped literal.</summary>
    protected abstract string Value(object value);

    /// <summary>A string literal for catalog text (codes, levels, names): never spec text, always escaped.</summary>
    protected abstract string TextLiteral(string text);

    /// <summary>The start of the bucket holding <paramref name="date"/> (an expression), as a DATE.</summary>
    protected abstract string Bucket(string date, TimeBucket bucket);

    /// <summary>
    /// A SELECT yielding one row per bucket start from <paramref name="low"/> to <paramref name="high"/>
    /// (both bucket starts) a DAY, WEEK, MONTH or YEAR apart, in a column named period; none when they are NULL.
    /// </summary>
    protected abstract string PeriodSeries(string low, string high, TimeBucket step);

    /// <param name="thenSource">With compareTo: the table expression of the other version (<see cref="AnalysisPlan.Then"/>).</param>
    public string Query(AnalysisPlan plan, string source, string? thenSource = null)
    {
        var ctes = new List<string>();
        var result = VersionRows(plan, source, "aggregated", ctes);
        if (plan.Then is not null)
        {
            var then = VersionRows(plan, thenSource ?? throw new ArgumentNullException(nameof(thenSource), "a compareTo plan reads two sources"), "then_aggregated", ctes);
            result = Compared(plan, result, then);
        }
        var sql = new StringBuilder();
        if (ctes.Count > 0)
        {
            sql.Append("WITH ").AppendJoin(",\n", ctes).Append('\n');
        }
        if (plan.TopN is { } top)
        {
            sql.Append("SELECT ").AppendJoin(", ", plan.Columns.Select(c => Identifier(c.Name))).Append('\n');
            sql.Append("FROM (\n").Append(Indent(Ranked(plan, top, result))).Append('\n');
            sql.Append(") AS ").Append(Identifier("ranked")).Append('\n');
            sql.Append("WHERE ").Append(Identifier(RankColumn)).Append(" <= ").Append(Integer(top.N)).Append('\n');
        }
        else
        {
            sql.Append(result).Append('\n');
        }
        // A single aggregate row (no period, no group-by) has nothing to order.
        if (plan.OrderBy.Count > 0)
        {
            sql.Append("ORDER BY ").AppendJoin(", ", plan.OrderBy.Select(o => Sort(o.Column, o.Descending))).Append('\n');
        }
        // The limit is a validated int, never spec text.
        sql.Append("LIMIT ").Append(Integer(plan.Limit));
        return sql.ToString();
    }

    /// <summary>
    /// One version's rows with <see cref="AnalysisPlan.VersionColumns"/>: the aggregate, on the
    /// gap-free grid when a metric needs it (the aggregate is then a CTE named <paramref name="cte"/>,
    /// added to <paramref name="ctes"/>, since the grid reads it three times), the result columns, the changes.
    /// </summary>
    private string VersionRows(AnalysisPlan plan, string source, string cte, List<string> ctes)
    {
        Aggregated = cte;
        var aggregate = Aggregate(plan, Places(plan, source));
        string from;
        if (plan.HasGrid)
        {
            ctes.Add($"{Identifier(Aggregated)} AS (\n{Indent(aggregate)}\n)");
            from = $"(\n{Indent(Rolled(plan))}\n) AS {Identifier("rolled")}";
        }
        else
        {
            from = $"(\n{Indent(aggregate)}\n) AS {Identifier(Aggregated)}";
        }
        var result = Result(plan, from);
        return plan.HasChange ? Changed(plan, result) : result;
    }

    /// <summary>The name of the version's aggregate being built (the grid layer reads it by name).</summary>
    private string Aggregated { get; set; } = "aggregated";

    /// <summary>Spark sorts NULLs first for ASC and last for DESC by default, DuckDB last for both; say it every time.</summary>
    private string Sort(string column, bool descending) => $"{Identifier(column)} {(descending ? "DESC" : "ASC")} NULLS LAST";

    private string Ranked(AnalysisPlan plan, PlannedTopN top, string result)
    {
        var partition = top.PerPeriod ? $"PARTITION BY {Identifier(AnalysisPlan.PeriodColumn)} " : "";
        // Ties are broken by the period (when ranking across periods) and the group-by columns, a
        // total order over result rows, so both engines keep the same rows.
        var tieBreakers = (plan.HasPeriod && !top.PerPeriod ? [AnalysisPlan.PeriodColumn] : Array.Empty<string>())
            .Concat(plan.GroupBy.Select(f => f.Name));
        var keys = new[] { Sort(top.By, true) }.Concat(tieBreakers.Select(c => Sort(c, false)));
        return $"SELECT *, ROW_NUMBER() OVER ({partition}ORDER BY {string.Join(", ", keys)}) AS {Identifier(RankColumn)}\n" +
               $"FROM (\n{Indent(result)}\n) AS {Identifier("result")}";
    }

    private string Aggregate(AnalysisPlan plan, string source)
    {
        var select = new List<string>();
        var groupBy = new List<string>();
        if (plan.HasPeriod)
        {
            var period = PeriodOf(Identifier(plan.Dataset.Schema.DateField), plan);
            select.Add($"{period} AS {Identifier(AnalysisPlan.PeriodColumn)}");
            groupBy.Add(period);
        }
        foreach (var field in plan.GroupBy)
        {
            select.Add($"{Identifier(field.Name)} AS {Identifier(field.Name)}");
            groupBy.Add(Identifier(field.Name));
        }
        foreach (var metric in plan.Metrics.Where(m => m.IsAggregate))
        {
            select.Add($"{AggregateOf(metric)} AS {Identifier(metric.Name)}");
        }
        var sql = new StringBuilder();
        sql.Append("SELECT ").AppendJoin(",\n  ", select).Append('\n');
        sql.Append("FROM ").Append(source);
        var where = Conditions(plan);
        if (where.Count > 0)
        {
            sql.Append("\nWHERE ").AppendJoin("\n  AND ", where);
        }
        if (groupBy.Count > 0)
        {
            sql.Append("\nGROUP BY ").AppendJoin(", ", groupBy);
        }
        return sql.ToString();
    }

    private static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Indent(string sql) => "  " + sql.Replace("\n", "\n  ", StringComparison.Ordinal);
}
