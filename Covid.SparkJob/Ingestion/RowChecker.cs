using System.Globalization;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;

namespace Covid.SparkJob.Ingestion;

/// <summary>
/// Checks one data row against the schema fields the file carries and the fields derived at load,
/// and tracks the span of the time field (which may itself be derived, as COVID-NET's week end
/// is). Beyond types: the geography value must be one the schema's coding lists, a weekly
/// dataset's time must fall on the day its weeks end, and a levelled field (r8kw-7aab's "group")
/// must hold a level, with the time field required only on rows of a timed level.
/// </summary>
internal sealed class RowChecker
{
    private readonly DatasetSchema _schema;
    // The schema's fields the file carries that can hold a wrong cell (the time field among them), in file order.
    private readonly CellRule[] _checked;
    // The same but the time field's.
    private readonly CellRule[] _others;
    private readonly CellRule? _time;
    private readonly WeekEndColumns? _mmwr;
    private readonly (int Index, PlaceValues Values, string Field, string Examples)? _geography;
    private readonly (CellRule Rule, Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Levels, string Names)[] _levelled;
    private readonly char[] _chars = new char[256];

    public RowChecker(DatasetSchema schema, FileLayout layout)
    {
        _schema = schema;
        CellRule[] present = [.. schema.CsvFields.Select(f => (f, layout.IndexOf(f))).Where(p => p.Item2 >= 0).Select(p => new CellRule(p.f, p.Item2, layout.Form))];
        var time = schema.Field(schema.DateField)!;
        _time = present.FirstOrDefault(r => r.Field == time);
        _checked = [.. present.Where(r => r.NeedsCheck || r == _time)];
        _others = [.. _checked.Where(r => r != _time)];
        if (time.DerivedFrom is MmwrWeekEnd mmwr)
        {
            _mmwr = new WeekEndColumns(mmwr, schema, layout);
        }
        if (schema.Geography is { } coding && schema.Field(coding.Field) is { } geo && layout.IndexOf(geo) is >= 0 and var g)
        {
            _geography = (g, new PlaceValues(coding.Entries.Select(e => e.Value)), coding.Field, string.Join(", ", coding.Entries.Take(12).Select(e => e.Value)));
        }
        _levelled = [.. present.Where(r => r.Field.Levels is not null).Select(r => (r,
            new Dictionary<string, string>(r.Field.Levels!, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>(),
            string.Join(", ", r.Field.Levels!.Keys)))];
    }

    public DateOnly? MinDate { get; private set; }

    public DateOnly? MaxDate { get; private set; }

    public void Check(CsvRecord row, int line)
    {
        var timeRequired = _levelled.Length == 0 || TimeRequired(row, line);
        var date = AllValid(row, timeRequired, out var valid) ? valid : FirstProblem(row, line, timeRequired);
        if (_geography is { } geo && row.Cell(geo.Index) is { IsEmpty: false } place && !geo.Values.Contains(place))
        {
            throw new DatasetFormatException(line,
                $"column {geo.Field}: '{CsvLayout.Shorten(row.Text(geo.Index))}' is not one of the places {_schema.Name} codes ({geo.Examples}, …); a new one needs the schema's geography values");
        }
        if (_mmwr is { } mmwr)
        {
            date = mmwr.End(row, line);
        }
        if (date is { } end)
        {
            CheckGrain(end, line);
            MinDate = MinDate is null || end < MinDate ? end : MinDate;
            MaxDate = MaxDate is null || end > MaxDate ? end : MaxDate;
        }
    }

    /// <summary>
    /// The path of nearly every row: each checked cell valid, the time cell a date (null when it may be
    /// empty and is, or when the schema's time is derived). False sends the row to <see cref="FirstProblem"/>, which reads
    /// it again in file order so the error names the first wrong column.
    /// </summary>
    private bool AllValid(CsvRecord row, bool timeRequired, out DateOnly? date)
    {
        date = null;
        foreach (var rule in _others)
        {
            if (!rule.IsValid(rule.Value(row.Cell(rule.Index))))
            {
                return false;
            }
        }
        if (_time is { } time)
        {
            var cell = time.Value(row.Cell(time.Index));
            if (cell.IsEmpty)
            {
                return !timeRequired;
            }
            if (!time.TryDate(cell, out var day))
            {
                return false;
            }
            date = day;
        }
        return true;
    }

    /// <summary>Throws for the row's first wrong cell in file order; returns the time cell's date when none is (an empty time where it is not required).</summary>
    private DateOnly? FirstProblem(CsvRecord row, int line, bool timeRequired)
    {
        DateOnly? date = null;
        foreach (var rule in _checked)
        {
            var cell = rule.Value(row.Cell(rule.Index));
            if (rule != _time)
            {
                if (rule.IsValid(cell))
                {
                    continue;
                }
            }
            // The time cell is parsed once: checked here, and its day kept for the grain and the span.
            else if (!cell.IsEmpty && rule.TryDate(cell, out var day))
            {
                date = day;
                continue;
            }
            if (rule.Problem(cell, required: timeRequired && rule == _time) is { } problem)
            {
                throw new DatasetFormatException(line, $"column {rule.Field.Name}: '{CsvLayout.Shorten(cell.IsEmpty ? "" : row.Text(rule.Index))}' {problem}");
            }
        }
        return date;
    }

    /// <summary>The cell as characters for a lookup; a cell longer than any value is no value.</summary>
    private ReadOnlySpan<char> Chars(ReadOnlySpan<byte> cell) =>
        System.Text.Encoding.UTF8.TryGetChars(cell, _chars, out var n) ? _chars.AsSpan(0, n) : "\uFFFF";

    /// <summary>The time field may be empty only on rows of an untimed level (r8kw-7aab's By Month, By Year, By Total); other values of that field are errors.</summary>
    private bool TimeRequired(CsvRecord row, int line)
    {
        var required = true;
        foreach (var (rule, levels, names) in _levelled)
        {
            if (!levels.TryGetValue(Chars(row.Cell(rule.Index)), out var level))
            {
                throw new DatasetFormatException(line, $"column {rule.Field.Name}: '{CsvLayout.Shorten(row.Text(rule.Index))}' is not one of {names}");
            }
            required &= rule.Field.TimedLevels.Count == 0 || rule.Field.TimedLevels.Contains(level);
        }
        return required;
    }

    private void CheckGrain(DateOnly day, int line)
    {
        if (_schema.Grain.Unit == GrainUnit.Week && day.DayOfWeek != _schema.Grain.WeekEnds)
        {
            throw new DatasetFormatException(line,
                $"column {_time?.Field.Name ?? _schema.DateField}: {day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} is a {day.DayOfWeek}, but {_schema.Name}'s weeks end on {_schema.Grain.WeekEnds} ({_schema.Grain.Describe()})");
        }
    }
}
