using System.Globalization;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Geography;
using Covid.SparkJob.Datasets;
using Sylvan.Data.Csv;

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
    private readonly ExportForm _form;
    private readonly List<(SchemaField Field, int Index)> _present;
    private readonly SchemaField _time;
    private readonly WeekEndColumns? _mmwr;
    private readonly (GeographyCoding Coding, int Index)? _geography;
    private readonly List<(SchemaField Field, int Index)> _levelled;

    public RowChecker(DatasetSchema schema, FileLayout layout)
    {
        _schema = schema;
        _form = layout.Form;
        _present = schema.CsvFields.Select(f => (f, layout.IndexOf(f))).Where(p => p.Item2 >= 0).ToList();
        _time = schema.Field(schema.DateField)!;
        if (_time.DerivedFrom is MmwrWeekEnd mmwr)
        {
            _mmwr = new WeekEndColumns(mmwr, schema, layout);
        }
        if (schema.Geography is { } coding && schema.Field(coding.Field) is { } geo && layout.IndexOf(geo) is >= 0 and var g)
        {
            _geography = (coding, g);
        }
        _levelled = _present.Where(p => p.Field.Levels is not null).ToList();
    }

    public DateOnly? MinDate { get; private set; }

    public DateOnly? MaxDate { get; private set; }

    public void Check(CsvDataReader csv, int line)
    {
        var timeRequired = TimeRequired(csv, line);
        foreach (var (field, index) in _present)
        {
            var cell = csv.GetFieldSpan(index);
            if (field.IsNullToken(cell))
            {
                cell = [];
            }
            if (CsvFieldChecker.Problem(field, cell, required: timeRequired && field == _time, _form) is { } problem)
            {
                throw new DatasetFormatException(line, $"column {field.Name}: '{CsvLayout.Shorten(cell.ToString())}' {problem}");
            }
        }
        if (_geography is { } geo && csv.GetFieldSpan(geo.Index) is { IsEmpty: false } place && geo.Coding.Entry(place.ToString()) is null)
        {
            throw new DatasetFormatException(line,
                $"column {geo.Coding.Field}: '{CsvLayout.Shorten(place.ToString())}' is not one of the places {_schema.Name} codes ({string.Join(", ", geo.Coding.Entries.Take(12).Select(e => e.Value))}, …); a new one needs the schema's geography values");
        }
        DateOnly? date = null;
        if (_mmwr is { } mmwr)
        {
            date = mmwr.End(csv, line, _form);
        }
        else if (_present.FirstOrDefault(p => p.Field == _time) is { Field: not null } time
                 && CsvFieldChecker.TryDate(_time, csv.GetFieldSpan(time.Index), _form, out var d))
        {
            date = d;
        }
        if (date is { } day)
        {
            CheckGrain(day, line);
            MinDate = MinDate is null || day < MinDate ? day : MinDate;
            MaxDate = MaxDate is null || day > MaxDate ? day : MaxDate;
        }
    }

    /// <summary>The time field may be empty only on rows of an untimed level (r8kw-7aab's By Month, By Year, By Total); other values of that field are errors.</summary>
    private bool TimeRequired(CsvDataReader csv, int line)
    {
        var required = true;
        foreach (var (field, index) in _levelled)
        {
            var value = csv.GetFieldSpan(index).ToString();
            if (!field.Levels!.TryGetValue(value, out var level))
            {
                throw new DatasetFormatException(line,
                    $"column {field.Name}: '{CsvLayout.Shorten(value)}' is not one of {string.Join(", ", field.Levels.Keys)}");
            }
            required &= field.TimedLevels.Count == 0 || field.TimedLevels.Contains(level);
        }
        return required;
    }

    private void CheckGrain(DateOnly day, int line)
    {
        if (_schema.Grain.Unit == GrainUnit.Week && day.DayOfWeek != _schema.Grain.WeekEnds)
        {
            throw new DatasetFormatException(line,
                $"column {_time.Name}: {day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} is a {day.DayOfWeek}, but {_schema.Name}'s weeks end on {_schema.Grain.WeekEnds} ({_schema.Grain.Describe()})");
        }
    }
}
