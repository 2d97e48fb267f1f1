using System.Globalization;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;

namespace Covid.SparkJob.Ingestion;

/// <summary>
/// The columns an MMWR week end is derived from (a year and a week, or one yyyyww number), read
/// and checked for one row: the year and week must be there and name a real MMWR week.
/// </summary>
internal sealed class WeekEndColumns
{
    private readonly MmwrWeekEnd _derivation;
    private readonly SchemaField[] _fields;
    private readonly CellRule?[] _rules;

    public WeekEndColumns(MmwrWeekEnd derivation, DatasetSchema schema, FileLayout layout)
    {
        _derivation = derivation;
        _fields = [.. derivation.Sources.Select(n => schema.Field(n)!)];
        _rules = [.. _fields.Select(f => layout.IndexOf(f) is >= 0 and var i ? new CellRule(f, i, layout.Form) : null)];
    }

    public DateOnly? End(CsvRecord row, int line)
    {
        if (_rules.Any(r => r is null))
        {
            throw new DatasetFormatException(line, $"the file lacks {string.Join(" or ", _fields.Select(f => f.Name))}, which the week end is derived from");
        }
        Span<long> values = stackalloc long[_rules.Length];
        for (var i = 0; i < _rules.Length; i++)
        {
            var rule = _rules[i]!;
            if (!rule.TryInteger(row.Cell(rule.Index), out values[i]))
            {
                throw new DatasetFormatException(line, $"column {_fields[i].Name}: '{CsvLayout.Shorten(row.Text(rule.Index))}' is not {(_derivation.YearWeekField is null ? (i == 0 ? "an MMWR year" : "an MMWR week") : "an MMWR year and week written yyyyww")}");
            }
        }
        var (year, week) = _derivation.YearWeekField is null ? (values[0], values[1]) : (values[0] / 100, values[0] % 100);
        if (year is < 1900 or > 2100)
        {
            throw new DatasetFormatException(line, $"column {_fields[0].Name}: '{row.Text(_rules[0]!.Index)}' is not an MMWR year");
        }
        var weeks = MmwrWeekEnd.WeeksIn((int)year);
        if (week < 1 || week > weeks)
        {
            var field = _fields[^1];
            throw new DatasetFormatException(line,
                $"column {field.Name}: '{CsvLayout.Shorten(row.Text(_rules[^1]!.Index))}' is not an MMWR week of {year.ToString(CultureInfo.InvariantCulture)} (1..{weeks})");
        }
        return MmwrWeekEnd.EndDate((int)year, (int)week);
    }
}
