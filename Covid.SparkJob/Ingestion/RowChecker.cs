using System.Globalization;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Sylvan.Data.Csv;

namespace Covid.SparkJob.Ingestion;

/// <summary>
/// Checks one data row against the schema's CSV fields and its derived fields, and tracks the span
/// of the schema's date field (which may itself be derived, as COVID-NET's week end is).
/// </summary>
internal sealed class RowChecker
{
    private readonly IReadOnlyList<SchemaField> _fields;
    private readonly int _dateIndex;
    private readonly (int Year, int Week)? _mmwr;
    private readonly bool _dateIsDerived;

    public RowChecker(DatasetSchema schema)
    {
        _fields = schema.CsvFields;
        var names = _fields.Select(f => f.Name).ToList();
        _dateIndex = names.IndexOf(schema.DateField);
        if (schema.Fields.FirstOrDefault(f => f.DerivedFrom is not null)?.DerivedFrom is { } mmwr)
        {
            _mmwr = (names.IndexOf(mmwr.YearField), names.IndexOf(mmwr.WeekField));
            _dateIsDerived = schema.Field(schema.DateField)?.IsDerived == true;
        }
    }

    public DateOnly? MinDate { get; private set; }

    public DateOnly? MaxDate { get; private set; }

    public void Check(CsvDataReader csv, int line)
    {
        for (var i = 0; i < _fields.Count; i++)
        {
            var field = _fields[i];
            var cell = csv.GetFieldSpan(i);
            if (field.IsNullToken(cell))
            {
                cell = [];
            }
            if (CsvFieldChecker.Problem(field, cell, required: i == _dateIndex) is { } problem)
            {
                throw new DatasetFormatException(line, $"column {field.Name}: '{CsvLayout.Shorten(cell.ToString())}' {problem}");
            }
        }
        if (_dateIndex >= 0 && CsvFieldChecker.TryDate(_fields[_dateIndex], csv.GetFieldSpan(_dateIndex), out var date))
        {
            Track(date);
        }
        if (_mmwr is { } mmwr)
        {
            var end = WeekEnd(csv, mmwr.Year, mmwr.Week, line);
            if (_dateIsDerived)
            {
                Track(end);
            }
        }
    }

    /// <summary>The derived week end; the year and week must be there and name a real MMWR week.</summary>
    private DateOnly WeekEnd(CsvDataReader csv, int yearIndex, int weekIndex, int line)
    {
        var yearText = csv.GetFieldSpan(yearIndex);
        var weekText = csv.GetFieldSpan(weekIndex);
        if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1900 or > 2100)
        {
            throw new DatasetFormatException(line, $"column {_fields[yearIndex].Name}: '{CsvLayout.Shorten(yearText.ToString())}' is not an MMWR year");
        }
        if (!int.TryParse(weekText, NumberStyles.None, CultureInfo.InvariantCulture, out var week) || week < 1 || week > MmwrWeekEnd.WeeksIn(year))
        {
            throw new DatasetFormatException(line,
                $"column {_fields[weekIndex].Name}: '{CsvLayout.Shorten(weekText.ToString())}' is not an MMWR week of {year} (1..{MmwrWeekEnd.WeeksIn(year)})");
        }
        return MmwrWeekEnd.EndDate(year, week);
    }

    private void Track(DateOnly date)
    {
        MinDate = MinDate is null || date < MinDate ? date : MinDate;
        MaxDate = MaxDate is null || date > MaxDate ? date : MaxDate;
    }
}
