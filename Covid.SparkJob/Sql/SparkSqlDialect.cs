using System.Globalization;
using System.Text;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Planning;
using TimeBucket = Covid.V1.AnalysisSpec.Types.TimeBucket;

namespace Covid.SparkJob.Sql;

/// <summary>
/// The plan as a Spark SQL 3.5 script for <c>spark-sql -f</c>: the session confs its meaning
/// depends on (<see cref="SparkSessionConfs"/>), a view over the dataset (its typed Parquet, or its
/// CSV read in place through a typed view), then the query written as JSON part files. spark-sql
/// has no bind parameters, so every spec value is an escaped literal.
/// </summary>
/// <remarks>
/// Where Spark and DuckDB differ, the shared query says what it means: weeks start on Monday in
/// both date_trunc('WEEK') and date_trunc('week'); every division is over DOUBLE; every ORDER BY
/// says NULLS LAST (Spark's default is NULLS FIRST for ASC and NULLS LAST for DESC, DuckDB's NULLS
/// LAST for both); a SUM has its field's type and AVG is DOUBLE; nothing is rounded in SQL.
/// Sql/SEMANTICS.md lists every construct with its meaning in each engine.
/// </remarks>
public static class SparkSqlDialect
{
    /// <summary>The temporary view the query reads.</summary>
    public const string ViewName = "dataset";

    /// <summary>The view of the other version a compareTo reads.</summary>
    public const string ThenViewName = "dataset_then";

    /// <summary>As <see cref="Build(AnalysisPlan, string, string, string?)"/>, reading the dataset where this process sees it.</summary>
    public static string Build(AnalysisPlan plan, string resultDirectory) =>
        Build(plan, (plan ?? throw new ArgumentNullException(nameof(plan))).Dataset.ReadPath, resultDirectory);

    /// <param name="datasetPath">Where the Spark driver sees the dataset version: its Parquet copy, or for
    /// <see cref="DatasetStorage.CsvInPlace"/> the CSV file.</param>
    /// <param name="thenDatasetPath">With compareTo: where it sees the other version; default: its own read path.</param>
    public static string Build(AnalysisPlan plan, string datasetPath, string resultDirectory, string? thenDatasetPath = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrEmpty(datasetPath);
        ArgumentException.ThrowIfNullOrEmpty(resultDirectory);
        // The same version on both sides (an in-place CSV has one) reads the one view twice.
        var then = plan.Then is { } other && other.VersionId != plan.Dataset.VersionId ? other : null;
        var query = new Builder().Query(plan, Identifier(ViewName), plan.Then is null ? null : Identifier(then is null ? ViewName : ThenViewName));
        var script = new StringBuilder();
        var csv = plan.Dataset.Storage == DatasetStorage.CsvInPlace;
        // Only catalog text in the header comment: a dataset name comes from a user and could hold a newline.
        script.Append("-- covid-analysis: ").Append(plan.Dataset.Schema.Name).Append(csv ? " over CSV in place\n" : " over Parquet\n");
        foreach (var (key, value) in SparkSessionConfs.All)
        {
            script.Append("SET ").Append(key).Append('=').Append(value).Append(";\n");
        }
        script.Append('\n');
        script.Append(View(plan.Dataset, datasetPath, ViewName, SparkCsvSource.RawViewName));
        if (then is not null)
        {
            script.Append(View(then, thenDatasetPath ?? then.ReadPath, ThenViewName, SparkCsvSource.RawViewName + "_then"));
        }
        // Nulls are kept so every row has every column; the result reader relies on it.
        script.Append("INSERT OVERWRITE DIRECTORY ").Append(StringLiteral(resultDirectory))
            .Append(" USING json OPTIONS (ignoreNullFields 'false')\n");
        script.Append(query).Append(";\n");
        var text = script.ToString();
        // Literals write '$' as \u0024, so only an identifier could: never run what Spark would substitute.
        if (text.Contains("${", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("the Spark script holds \"${\", which spark-sql would substitute");
        }
        return text;
    }

    /// <summary>The temporary view <paramref name="name"/> over one version: its typed Parquet, or its CSV read in place through a typed view.</summary>
    private static string View(DatasetInfo dataset, string path, string name, string rawName) => dataset.Storage == DatasetStorage.CsvInPlace
        ? SparkCsvSource.Views(dataset.Schema, dataset.FileLayout, path, name, rawName) + "\n"
        : $"CREATE OR REPLACE TEMPORARY VIEW {Identifier(name)} USING parquet OPTIONS (path {StringLiteral(path)});\n\n";

    /// <summary>
    /// A Spark string literal, as ParserUtils.unescapeSQLString reads it back: backslash and quote
    /// escaped; line breaks and tabs as \n \r \t (a raw one would end the line spark-sql reads);
    /// every other control character, and '$' (so no "${" reaches variable substitution), as \uXXXX.
    /// Never "\0": followed by digits it would read as an octal escape ("\012" is a newline).
    /// </summary>
    public static string StringLiteral(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('\'');
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\' or '\'':
                    sb.Append('\\').Append(c);
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case < ' ' or '\u007f' or '$':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
        return sb.Append('\'').ToString();
    }

    /// <summary>A Spark quoted identifier (backticks, doubled inside).</summary>
    public static string Identifier(string name) => "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";

    // Spark's dayofweek counts Sunday as 1 (DuckDB's as 0); the shared formulas expect Sunday = 0.
    internal static string DayOfWeek(string date) => $"(dayofweek({date}) - 1)";

    // date_add and make_date take INT, not the BIGINT the formulas' arithmetic yields.
    internal static string AddDays(string date, string days) => $"date_add({date}, CAST({days} AS INT))";

    internal static string MakeDate(string year, int month, int day) =>
        $"make_date(CAST({year} AS INT), {month.ToString(CultureInfo.InvariantCulture)}, {day.ToString(CultureInfo.InvariantCulture)})";

    private sealed class Builder : SqlQueryBuilder
    {
        protected override string Identifier(string name) => SparkSqlDialect.Identifier(name);

        protected override string Value(object value) => value switch
        {
            string s => StringLiteral(s),
            DateOnly d => $"DATE '{d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'",
            DateTime t => $"TIMESTAMP '{t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}'",
            long l => l.ToString(CultureInfo.InvariantCulture) + "L",
            double x => $"CAST('{x.ToString("R", CultureInfo.InvariantCulture)}' AS DOUBLE)",
            _ => throw new ArgumentOutOfRangeException(nameof(value), value.GetType(), "no Spark literal for this type"),
        };

        protected override string TextLiteral(string text) => StringLiteral(text);

        protected override string Bucket(string date, TimeBucket bucket) => bucket switch
        {
            TimeBucket.Day => $"CAST({date} AS DATE)",
            // Spark's date_trunc('WEEK') truncates to the Monday of the week, like DuckDB's.
            TimeBucket.Week => $"CAST(date_trunc('WEEK', {date}) AS DATE)",
            TimeBucket.Month => $"CAST(date_trunc('MONTH', {date}) AS DATE)",
            TimeBucket.Year => $"CAST(date_trunc('YEAR', {date}) AS DATE)",
            _ => throw new ArgumentOutOfRangeException(nameof(bucket), bucket, "no time bucket"),
        };

        protected override string DayOfWeek(string date) => SparkSqlDialect.DayOfWeek(date);

        protected override string AddDays(string date, string days) => SparkSqlDialect.AddDays(date, days);

        protected override string MakeDate(string year, int month, int day) => SparkSqlDialect.MakeDate(year, month, day);

        // sequence over integers includes both ends; explode of NULL yields no rows.
        protected override string IntegerSeries(string low, string high, string column) =>
            $"SELECT explode(sequence(CAST({low} AS BIGINT), CAST({high} AS BIGINT))) AS {column}";

        // sequence(start, stop, interval) over DATEs includes both ends; explode of NULL (no rows) yields none.
        protected override string PeriodSeries(string low, string high, TimeBucket step) =>
            $"SELECT explode(sequence({low}, {high}, {Step(step)})) AS {Identifier(AnalysisPlan.PeriodColumn)}";

        private static string Step(TimeBucket bucket) => bucket switch
        {
            TimeBucket.Day => "INTERVAL 1 DAY",
            TimeBucket.Week => "INTERVAL 7 DAYS",
            TimeBucket.Month => "INTERVAL 1 MONTH",
            TimeBucket.Year => "INTERVAL 1 YEAR",
            _ => throw new ArgumentOutOfRangeException(nameof(bucket), bucket, "no time bucket"),
        };
    }
}
