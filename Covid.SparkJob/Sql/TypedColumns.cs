using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;

namespace Covid.SparkJob.Sql;

/// <summary>
/// The SELECT list that turns a CSV read as text into the schema's typed fields, shared by DuckDB
/// (Parquet conversion and CSV in place) and Spark (CSV in place) so both read a cell the same
/// way: by the file's own layout (a SODA file's columns in any order; a field the file lacks is
/// NULL), null tokens as NULL, a cell converted only when it has its type's written shape
/// (<see cref="CellShapes"/>), an int64 written "800.0" where the form allows it, a date by the
/// first of the form's patterns that reads it, and the MMWR week end from its year and week. A
/// cell that does not convert fails the query with a message naming the column and the text.
/// Dialects decide only the names of five primitives, so the SQL is otherwise the same text.
/// </summary>
internal abstract class TypedColumns
{
    /// <summary>What an int64 written with a zero decimal part loses before the cast ("800.0" → "800"); the C# check strips the same.</summary>
    private const string ZeroFraction = @"\.0+\z";

    /// <summary>The largest finite DOUBLE: a number beyond it ("1e999") converts to an infinity, which ingestion refuses too.</summary>
    private const string MaxDouble = "1.7976931348623157E308";

    protected abstract string Identifier(string name);

    protected abstract string Literal(string text);

    /// <summary>TRUE when all of <paramref name="text"/> matches the regular expression <paramref name="shape"/>.</summary>
    protected abstract string Matches(string text, string shape);

    /// <summary>The TIMESTAMP <paramref name="text"/> is in the catalog <paramref name="pattern"/>, NULL when it is not a valid one.</summary>
    protected abstract string ParseTimestamp(string text, string pattern);

    /// <summary>An expression that fails the query with <paramref name="message"/> (a string expression).</summary>
    protected abstract string Fail(string message);

    /// <summary>The day of the week of a DATE, 0 for Sunday to 6 for Saturday.</summary>
    protected abstract string DayOfWeek(string date);

    /// <summary>The DATE <paramref name="days"/> (an integer expression) after <paramref name="date"/>.</summary>
    protected abstract string AddDays(string date, string days);

    /// <summary>The DATE of <paramref name="year"/> (an integer expression), month and day.</summary>
    protected abstract string MakeDate(string year, int month, int day);

    /// <summary>NULL of the field's type, for a field the file does not carry (STRING is VARCHAR's alias in DuckDB).</summary>
    protected static string NullOf(FieldType type) => type switch
    {
        FieldType.Date => "CAST(NULL AS DATE)",
        FieldType.String => "CAST(NULL AS STRING)",
        FieldType.Int64 => "CAST(NULL AS BIGINT)",
        FieldType.Double => "CAST(NULL AS DOUBLE)",
        FieldType.Timestamp => "CAST(NULL AS TIMESTAMP)",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no SQL type"),
    };

    /// <summary>How a failed conversion is explained: "is not an integer", "is not a date written MM/DD/YYYY" …</summary>
    private static string Expected(SchemaField field, ExportForm form) => field.Type switch
    {
        FieldType.Int64 => "is not an integer",
        FieldType.Double => "is not a number",
        FieldType.Date => $"is not a date written {field.WrittenAs(form)}",
        FieldType.Timestamp => $"is not a timestamp written {field.WrittenAs(form)}",
        _ => "is not valid",
    };

    /// <summary>text → BIGINT when it is written as an integer (TRY_CAST: NULL past the BIGINT range), else NULL.</summary>
    private string ToInteger(string text, bool integralDecimal)
    {
        var digits = integralDecimal ? $"regexp_replace({text}, {Literal(ZeroFraction)}, '')" : text;
        return $"CASE WHEN {Matches(text, integralDecimal ? CellShapes.IntegralDecimal : CellShapes.Integer)} THEN TRY_CAST({digits} AS BIGINT) END";
    }

    private string ToDouble(string text) =>
        $"CASE WHEN {Matches(text, CellShapes.Number)} AND abs(TRY_CAST({text} AS DOUBLE)) <= {MaxDouble} THEN TRY_CAST({text} AS DOUBLE) END";

    private string ToDate(string text, string pattern) =>
        $"CASE WHEN {Matches(text, CellShapes.Date(pattern))} THEN CAST({ParseTimestamp(text, pattern)} AS DATE) END";

    private string ToTimestamp(string text, string pattern) =>
        $"CASE WHEN {Matches(text, CellShapes.Date(pattern))} THEN {ParseTimestamp(text, pattern)} END";

    /// <summary>The DATE ending MMWR week <paramref name="week"/> of <paramref name="year"/>: week 1 is the Sunday-started week holding January 4.</summary>
    private string WeekEnd(string year, string week)
    {
        var january4 = MakeDate(year, 1, 4);
        return AddDays(january4, $"7 * ({week} - 1) + 6 - {DayOfWeek(january4)}");
    }

    /// <summary>The converted value, NULL for a NULL cell, and a query failure naming the column and the text otherwise.</summary>
    private string Checked(SchemaField field, ExportForm form, string text, string converted)
    {
        var failure = Fail($"concat({Literal($"column {field.Name}: '")}, {text}, {Literal("' " + Expected(field, form))})");
        return $"CASE WHEN {text} IS NULL THEN NULL ELSE COALESCE({converted}, {failure}) END";
    }

    /// <summary>"column, …" entries: every stored field as <c>expression AS name</c>.</summary>
    public IEnumerable<string> Select(DatasetSchema schema, FileLayout layout) =>
        schema.StoredFields.Select(f => $"{Typed(schema, layout, f)} AS {Identifier(f.Name)}");

    /// <summary>The typed expression of one stored field (a derived one from its sources).</summary>
    public string Typed(DatasetSchema schema, FileLayout layout, SchemaField field)
    {
        if (field.DerivedFrom is MmwrWeekEnd mmwr)
        {
            var sources = mmwr.Sources.Select(n => Typed(schema, layout, schema.Field(n) ?? throw Missing(schema, n))).ToList();
            // yyyyww: the year is the number over 100, the week its remainder (both engines' / is DOUBLE, hence floor).
            return mmwr.YearWeekField is null
                ? WeekEnd(sources[0], sources[1])
                : WeekEnd($"CAST(floor({sources[0]} / 100) AS BIGINT)", $"({sources[0]} % 100)");
        }
        if (layout.IndexOf(field) < 0)
        {
            return NullOf(field.Type);
        }
        var text = Text(field, layout.Form);
        return field.Type switch
        {
            FieldType.String => text,
            FieldType.Int64 => Checked(field, layout.Form, text, ToInteger(text, field.AcceptsIntegralDecimal(layout.Form))),
            FieldType.Double => Checked(field, layout.Form, text, ToDouble(text)),
            FieldType.Date => Checked(field, layout.Form, text, FirstOf(field.DatePatternsIn(layout.Form).Select(p => ToDate(text, p)))),
            FieldType.Timestamp => Checked(field, layout.Form, text, FirstOf(field.DatePatternsIn(layout.Form).Select(p => ToTimestamp(text, p)))),
            _ => throw new ArgumentOutOfRangeException(nameof(field), field.Type, "no conversion"),
        };
    }

    private static string FirstOf(IEnumerable<string> conversions)
    {
        var all = conversions.ToList();
        return all.Count == 1 ? all[0] : $"coalesce({string.Join(", ", all)})";
    }

    /// <summary>The cell as text, NULL for the empty cell and for the field's null tokens.</summary>
    private string Text(SchemaField field, ExportForm form)
    {
        var text = Identifier(field.Column(form)!);
        foreach (var token in field.NullTokens)
        {
            text = $"nullif({text}, {Literal(token)})";
        }
        return text;
    }

    private static InvalidOperationException Missing(DatasetSchema schema, string name) =>
        new($"schema {schema.Name} derives a field from '{name}', which it does not have");
}
