using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;

namespace Covid.SparkJob.Sql;

/// <summary>
/// The SELECT list that turns a CSV read as text into the schema's typed fields, shared by DuckDB
/// (Parquet conversion and CSV in place) and Spark (CSV in place) so both read a cell the same
/// way: by the file's own layout (a SODA file's columns in any order; a field the file lacks is
/// NULL), null tokens as NULL, an int64 written "800.0" where the form allows it, a date by the
/// first of the form's patterns that reads it, and the MMWR week end from its year and week. A
/// cell that does not convert fails the query with a message naming the column and the text.
/// Dialects decide only the function names.
/// </summary>
internal abstract class TypedColumns
{
    /// <summary>What an int64 written with a zero decimal part loses before the cast ("800.0" → "800"); the C# check strips the same.</summary>
    protected const string ZeroFraction = @"\.0+$";

    protected abstract string Identifier(string name);

    protected abstract string Literal(string text);

    /// <summary>text → BIGINT, NULL when it does not convert.</summary>
    protected abstract string ToInteger(string text, bool integralDecimal);

    protected abstract string ToDouble(string text);

    protected abstract string ToDate(string text, string pattern);

    protected abstract string ToTimestamp(string text, string pattern);

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
    protected virtual string Expected(SchemaField field, ExportForm form) => field.Type switch
    {
        FieldType.Int64 => "is not an integer",
        FieldType.Double => "is not a number",
        FieldType.Date => $"is not a date written {field.WrittenAs(form)}",
        FieldType.Timestamp => $"is not a timestamp written {field.WrittenAs(form)}",
        _ => "is not valid",
    };

    /// <summary>The DATE ending MMWR week <paramref name="week"/> of <paramref name="year"/> (both BIGINT expressions).</summary>
    protected abstract string WeekEnd(string year, string week);

    /// <summary>The converted value, NULL for a NULL cell, and a query failure naming the column and the text otherwise.</summary>
    protected abstract string Checked(SchemaField field, ExportForm form, string text, string converted);

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
