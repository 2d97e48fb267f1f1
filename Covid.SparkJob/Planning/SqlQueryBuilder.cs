using System.Text;
using Covid.V1;
using Aggregation = Covid.V1.Metric.Types.Aggregation;
using TimeBucket = Covid.V1.AnalysisSpec.Types.TimeBucket;

namespace Covid.SparkJob.Planning;

/// <summary>
/// The query both dialects share: an inner aggregate over the filtered rows, an outer select that
/// adds ratios and orders the result. Dialects only decide how identifiers are quoted, how values
/// become SQL (bound or escaped) and how a date is truncated — so the meaning cannot drift apart.
/// </summary>
internal abstract class SqlQueryBuilder
{
    /// <summary>Quotes a catalog field name or a validated metric name.</summary>
    protected abstract string Identifier(string name);

    /// <summary>SQL for a typed spec value: a bound parameter or an escaped literal.</summary>
    protected abstract string Value(object value);

    /// <summary>The start of the bucket holding <paramref name="date"/> (an expression), as a DATE.</summary>
    protected abstract string Bucket(string date, TimeBucket bucket);

    public string Query(AnalysisPlan plan, string source)
    {
        var select = new List<string>();
        var groupBy = new List<string>();
        if (plan.HasPeriod)
        {
            var period = Bucket(Identifier(plan.Dataset.Schema.DateField), plan.TimeBucket);
            select.Add($"{period} AS {Identifier(AnalysisPlan.PeriodColumn)}");
            groupBy.Add(period);
        }
        foreach (var field in plan.GroupBy)
        {
            select.Add($"{Identifier(field.Name)} AS {Identifier(field.Name)}");
            groupBy.Add(Identifier(field.Name));
        }
        foreach (var metric in plan.Metrics.Where(m => !m.IsRatio))
        {
            select.Add($"{Aggregate(metric)} AS {Identifier(metric.Name)}");
        }

        var sql = new StringBuilder();
        sql.Append("SELECT ").AppendJoin(", ", plan.Columns.Select(c => OuterColumn(plan, c.Name))).Append('\n');
        sql.Append("FROM (\n  SELECT ").AppendJoin(",\n    ", select).Append('\n');
        sql.Append("  FROM ").Append(source).Append('\n');
        var where = Conditions(plan);
        if (where.Count > 0)
        {
            sql.Append("  WHERE ").AppendJoin("\n    AND ", where).Append('\n');
        }
        if (groupBy.Count > 0)
        {
            sql.Append("  GROUP BY ").AppendJoin(", ", groupBy).Append('\n');
        }
        sql.Append(") AS ").Append(Identifier("aggregated")).Append('\n');
        // A single aggregate row (no period, no group-by) has nothing to order.
        if (plan.OrderBy.Count > 0)
        {
            sql.Append("ORDER BY ").AppendJoin(", ", plan.OrderBy.Select(o =>
                $"{Identifier(o.Column)} {(o.Descending ? "DESC" : "ASC")} NULLS LAST")).Append('\n');
        }
        // The limit is a validated int, never spec text.
        sql.Append("LIMIT ").Append(plan.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return sql.ToString();
    }

    private string OuterColumn(AnalysisPlan plan, string name)
    {
        var metric = plan.Metrics.FirstOrDefault(m => m.Name == name);
        if (metric is not { IsRatio: true })
        {
            return Identifier(name);
        }
        var num = Identifier(metric.Numerator!);
        var den = Identifier(metric.Denominator!);
        return $"CASE WHEN {den} = 0 OR {den} IS NULL THEN NULL ELSE CAST({num} AS DOUBLE) / {den} END AS {Identifier(name)}";
    }

    private string Aggregate(PlannedMetric metric)
    {
        var field = metric.Field is null ? null : Identifier(metric.Field.Name);
        return metric.Aggregation switch
        {
            // Both engines widen SUM(BIGINT) (DuckDB to HUGEINT); counts of people fit in BIGINT.
            Aggregation.Sum => $"CAST(SUM({field}) AS BIGINT)",
            Aggregation.Count => $"COUNT({field ?? "*"})",
            Aggregation.Mean => $"CAST(AVG({field}) AS DOUBLE)",
            Aggregation.Min => $"MIN({field})",
            Aggregation.Max => $"MAX({field})",
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric.Aggregation, "not an aggregation"),
        };
    }

    private List<string> Conditions(AnalysisPlan plan)
    {
        var conditions = new List<string>();
        var date = Identifier(plan.Dataset.Schema.DateField);
        if (plan.Start is { } start)
        {
            conditions.Add($"{date} >= {Value(start)}");
        }
        if (plan.End is { } end)
        {
            conditions.Add($"{date} <= {Value(end)}");
        }
        foreach (var filter in plan.Filters)
        {
            conditions.Add(Membership(Identifier(filter.Field.Name), filter.Values));
        }
        return conditions;
    }

    /// <summary>IN over the values; an empty string stands for the empty CSV cell, stored as NULL.</summary>
    private string Membership(string column, IReadOnlyList<object> values)
    {
        var present = values.Where(v => v is not "").Select(Value).ToList();
        var missing = values.Any(v => v is "");
        var inList = present.Count == 0 ? null : $"{column} IN ({string.Join(", ", present)})";
        return (inList, missing) switch
        {
            (null, _) => $"{column} IS NULL",
            (_, true) => $"({inList} OR {column} IS NULL)",
            _ => inList,
        };
    }
}
