namespace Covid.SparkJob.Sql;

/// <summary>
/// The Spark SQL confs an analysis' meaning depends on, in one place: written into
/// <c>spark.properties</c> by the job description and again as <c>SET</c> statements at the top of
/// the script, so they hold even when the properties file is replaced and <c>ExplainAnalysis</c>
/// shows them. Each makes Spark 3.5 mean what the DuckDB SQL means; Sql/SEMANTICS.md says why, with
/// the Spark source it rests on.
/// </summary>
public static class SparkSessionConfs
{
    public static IReadOnlyList<KeyValuePair<string, string>> All { get; } =
    [
        // SparkSqlParser replaces ${env:X}, ${system:X}, ${hiveconf:X} and ${X} in the whole text,
        // string literals included, before parsing (VariableSubstitution); DuckDB never does.
        new("spark.sql.variable.substitute", "false"),
        // Backslash escapes in literals (ParserUtils.unescapeSQLString), which StringLiteral writes.
        new("spark.sql.parser.escapedStringLiterals", "false"),
        // Invalid casts, overflows and division by zero fail the job, as they fail a DuckDB query,
        // instead of becoming NULL or wrapping (SUM of BIGINT wraps silently with ANSI off).
        new("spark.sql.ansi.enabled", "true"),
        // java.time patterns only: the default EXCEPTION policy fails on text the legacy parser
        // would read differently ('3/5/2021' with MM/dd/yyyy: INCONSISTENT_BEHAVIOR_CROSS_VERSION).
        new("spark.sql.legacy.timeParserPolicy", "CORRECTED"),
        // Dates are bucketed and compared as calendar dates; the session zone must not shift them.
        new("spark.sql.session.timeZone", "UTC"),
        // Every cell of every CSV row is tokenised, so FAILFAST refuses a short or long row; with
        // pruning only the selected columns are parsed and the cell count is never checked.
        new("spark.sql.csv.parser.columnPruning.enabled", "false"),
        // UnivocityParser.convert checks the cell count before a pushed-down filter is applied, but
        // then stops converting a row the filter drops: off, every row is read the same way
        // whichever filters Catalyst pushes into the scan, and the filters run on the typed view.
        new("spark.sql.csv.filterPushdown.enabled", "false"),
        // Parquet dates as written (proleptic Gregorian, as DuckDB writes and reads them), never rebased.
        new("spark.sql.parquet.datetimeRebaseModeInRead", "CORRECTED"),
    ];
}
