using System.Globalization;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Planning;
using TimeBucket = Covid.V1.AnalysisSpec.Types.TimeBucket;

namespace Covid.SparkJob.Sql;

/// <summary>The plan as DuckDB SQL over the dataset version (its Parquet copy or its CSV in place) and, with compareTo, the other version; every spec value bound as a parameter.</summary>
public static class DuckDbDialect
{
    public static DuckDbQuery Build(AnalysisPlan plan) => Build(plan, DuckDbSource.For);

    /// <param name="plan">The plan.</param>
    /// <param name="source">The table expression each version is read through (<see cref="DuckDbSource.For"/>, or a table holding it).</param>
    public static DuckDbQuery Build(AnalysisPlan plan, Func<DatasetInfo, string> source)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(source);
        var builder = new Builder();
        var sql = builder.Query(plan, source(plan.Dataset), plan.Then is { } then ? source(then) : null);
        return new DuckDbQuery(sql, builder.Parameters);
    }

    /// <summary>A DuckDB string literal: standard SQL, where only the quote needs doubling.</summary>
    public static string StringLiteral(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A DuckDB quoted identifier.</summary>
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    // dayofweek: Sunday = 0 .. Saturday = 6, what the shared formulas expect.
    internal static string DayOfWeek(string date) => $"CAST(dayofweek({date}) AS INTEGER)";

    // DATE + INTEGER is a DATE in DuckDB; the CAST says so whatever the left side is.
    internal static string AddDays(string date, string days) => $"CAST({date} + CAST({days} AS INTEGER) AS DATE)";

    internal static string MakeDate(string year, int month, int day) =>
        $"make_date(CAST({year} AS INTEGER), {month.ToString(CultureInfo.InvariantCulture)}, {day.ToString(CultureInfo.InvariantCulture)})";

    private sealed class Builder : SqlQueryBuilder
    {
        public List<object> Parameters { get; } = [];

        protected override string Identifier(string name) => DuckDbDialect.Identifier(name);

        protected override string Value(object value)
        {
            Parameters.Add(value);
            return "$" + Parameters.Count;
        }

        protected override string TextLiteral(string text) => DuckDbDialect.StringLiteral(text);

        protected override string Bucket(string date, TimeBucket bucket) => bucket switch
        {
            TimeBucket.Day => $"CAST({date} AS DATE)",
            // date_trunc('week') starts weeks on Monday (ISO), as the spec promises.
            TimeBucket.Week => $"CAST(date_trunc('week', {date}) AS DATE)",
            TimeBucket.Month => $"CAST(date_trunc('month', {date}) AS DATE)",
            TimeBucket.Year => $"CAST(date_trunc('year', {date}) AS DATE)",
            _ => throw new ArgumentOutOfRangeException(nameof(bucket), bucket, "no time bucket"),
        };

        protected override string DayOfWeek(string date) => DuckDbDialect.DayOfWeek(date);

        protected override string AddDays(string date, string days) => DuckDbDialect.AddDays(date, days);

        protected override string MakeDate(string year, int month, int day) => DuckDbDialect.MakeDate(year, month, day);

        // generate_series over integers is inclusive of both ends; unnest of NULL yields no rows.
        protected override string IntegerSeries(string low, string high, string column) =>
            $"SELECT unnest(generate_series(CAST({low} AS BIGINT), CAST({high} AS BIGINT))) AS {column}";

        // generate_series over TIMESTAMPs is inclusive of both ends and yields nothing for NULL bounds.
        protected override string PeriodSeries(string low, string high, TimeBucket step) =>
            $"SELECT CAST(unnest(generate_series(CAST({low} AS TIMESTAMP), CAST({high} AS TIMESTAMP), {Step(step)})) AS DATE) AS {Identifier(AnalysisPlan.PeriodColumn)}";

        private static string Step(TimeBucket bucket) => bucket switch
        {
            TimeBucket.Day => "INTERVAL 1 DAY",
            TimeBucket.Week => "INTERVAL 7 DAY",
            TimeBucket.Month => "INTERVAL 1 MONTH",
            TimeBucket.Year => "INTERVAL 1 YEAR",
            _ => throw new ArgumentOutOfRangeException(nameof(bucket), bucket, "no time bucket"),
        };
    }
}
