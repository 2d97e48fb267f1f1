using Covid.SparkJob.Catalog;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Results;
using Aggregation = Covid.V1.Metric.Types.Aggregation;

namespace Covid.SparkJob.Sql;

/// <summary>Aggregates, conditions and the result projection (ratios, per-100k).</summary>
internal abstract partial class SqlQueryBuilder
{
    // Column names of the population join; the catalog refuses fields named like them, metric names start with a letter.
    private const string PopulationCode = ReservedColumns.PopulationCode;
    private const string PopulationResidents = ReservedColumns.PopulationResidents;

    private string AggregateOf(PlannedMetric metric)
    {
        var field = metric.Field is null ? null : Identifier(metric.Field.Name);
        var call = metric.Aggregation switch
        {
            Aggregation.Sum => $"SUM({field})",
            Aggregation.Count => $"COUNT({field ?? "*"})",
            Aggregation.Mean => $"AVG({field})",
            Aggregation.Min => $"MIN({field})",
            Aggregation.Max => $"MAX({field})",
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric.Aggregation, "not an aggregation"),
        };
        // A conditional aggregate: the SQL:2003 FILTER clause, which DuckDB and Spark (since 3.0) both take.
        if (metric.Conditions.Count > 0)
        {
            call += $" FILTER (WHERE {string.Join(" AND ", metric.Conditions.Select(Condition))})";
        }
        return metric.Aggregation switch
        {
            // A SUM has its field's type. DuckDB widens SUM(BIGINT) to HUGEINT, so the CAST back
            // fails past the BIGINT range; Spark's SUM(BIGINT) is BIGINT and fails there under ANSI
            // (SparkSessionConfs; it would wrap silently without). SUM(DOUBLE) is DOUBLE in both.
            Aggregation.Sum => $"CAST({call} AS {SqlType(metric.Type)})",
            Aggregation.Mean => $"CAST({call} AS DOUBLE)",
            _ => call,
        };
    }

    private static string SqlType(ColumnType type) => type switch
    {
        ColumnType.Int64 => "BIGINT",
        ColumnType.Double => "DOUBLE",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "a SUM is of a number"),
    };

    private string Result(AnalysisPlan plan, string from)
    {
        // A change is computed one layer up, from these columns of the periods before.
        var columns = plan.VersionColumns.Where(c => plan.Metrics.FirstOrDefault(m => m.Name == c.Name) is not { ChangeOf: not null });
        var sql = $"SELECT {string.Join(", ", columns.Select(c => OuterColumn(plan, c.Name)))}\nFROM {from}";
        if (plan.HasPer100k)
        {
            // Population is catalog data (codes and counts), written as literals: no spec text in it.
            var key = plan.PopulationKey ?? throw new InvalidOperationException("a per-100k plan has no population key");
            var geography = plan.Dataset.Schema.Geography ?? throw new InvalidOperationException("a per-100k plan over a dataset without geography");
            var byCode = key.Name != geography.Field;
            sql += $"\nLEFT JOIN {PopulationTable.Sql(geography, byCode, Identifier, TextLiteral, Identifier(PopulationCode), Identifier(PopulationResidents))}" +
                   $"\n  ON {Identifier(PopulationCode)} = {Identifier(key.Name)}";
        }
        return sql;
    }

    private string OuterColumn(AnalysisPlan plan, string name)
    {
        if (TimeColumns.After(plan.TimeBucket).Any(c => c.Name == name))
        {
            return $"{TimeColumn(name, plan)} AS {Identifier(name)}";
        }
        var metric = plan.Metrics.FirstOrDefault(m => m.Name == name);
        if (metric is { IsRatio: true })
        {
            var num = Identifier(metric.Numerator!);
            var den = Identifier(metric.Denominator!);
            // CAST first: both engines would otherwise divide BIGINTs (Spark's / is already double, DuckDB's too, but say it).
            return $"CASE WHEN {den} = 0 OR {den} IS NULL THEN NULL ELSE CAST({num} AS DOUBLE) / {den} END AS {Identifier(name)}";
        }
        if (metric is { Per100kOf: { } of })
        {
            var residents = Identifier(PopulationResidents);
            return $"CASE WHEN {residents} IS NULL THEN NULL ELSE CAST({Identifier(of)} AS DOUBLE) * 100000 / {residents} END AS {Identifier(name)}";
        }
        return Identifier(name);
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
        conditions.AddRange(plan.Filters.Select(Condition));
        return conditions;
    }

    /// <summary>IN over the values; an empty string stands for the empty CSV cell, stored as NULL.</summary>
    private string Condition(PlannedFilter filter)
    {
        var column = Identifier(filter.Field.Name);
        var present = filter.Values.Where(v => v is not "").Select(Value).ToList();
        var missing = filter.Values.Any(v => v is "");
        var inList = present.Count == 0 ? null : $"{column} IN ({string.Join(", ", present)})";
        return (inList, missing) switch
        {
            (null, _) => $"{column} IS NULL",
            (_, true) => $"({inList} OR {column} IS NULL)",
            _ => inList,
        };
    }
}
