using System.Globalization;
using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Sylvan.Data.Csv;

namespace Covid.SparkJob.Ingestion;

/// <summary>
/// The columns an MMWR week end is derived from (a year and a week, or one yyyyww number), read
/// and checked for one row: the year and week must be there and name a real MMWR week.
/// </summary>
internal sealed class WeekEndColumns
{
    private readonly MmwrWeekEnd _derivation;
    private readonly SchemaField[] _fields;
    private readonly int[] _indexes;

    public WeekEndColumns(MmwrWeekEnd derivation, DatasetSchema schema, FileLayout layout)
    {
        _derivation = derivation;
        _fields = derivation.Sources.Select(n => schema.Field(n)!).ToArray();
        _indexes = _fields.Select(layout.IndexOf).ToArray();
    }

    public DateOnly? End(CsvDataReader csv, int line, ExportForm form)
    {
        if (_indexes.Any(i => i < 0))
        {
            throw new DatasetFormatException(line, $"the file lacks {string.Join(" or ", _fields.Select(f => f.Name))}, which the week end is derived from");
        }
        var values = new long[_fields.Length];
        for (var i = 0; i < _fields.Length; i++)
        {
            var text = csv.GetFieldSpan(_indexes[i]);
            if (!CsvFieldChecker.TryInteger(_fields[i], text, form, out values[i]))
            {
                throw new DatasetFormatException(line, $"column {_fields[i].Name}: '{CsvLayout.Shorten(text.ToString())}' is not {(_derivation.YearWeekField is null ? (i == 0 ? "an MMWR year" : "an MMWR week") : "an MMWR year and week written yyyyww")}");
            }
        }
        var (year, week) = _derivation.YearWeekField is null ? (values[0], values[1]) : (values[0] / 100, values[0] % 100);
        if (year is < 1900 or > 2100)
        {
            throw new DatasetFormatException(line, $"column {_fields[0].Name}: '{csv.GetFieldSpan(_indexes[0]).ToString()}' is not an MMWR year");
        }
        var weeks = MmwrWeekEnd.WeeksIn((int)year);
        if (week < 1 || week > weeks)
        {
            var field = _fields[^1];
            throw new DatasetFormatException(line,
                $"column {field.Name}: '{CsvLayout.Shorten(csv.GetFieldSpan(_indexes[^1]).ToString())}' is not an MMWR week of {year.ToString(CultureInfo.InvariantCulture)} (1..{weeks})");
        }
        return MmwrWeekEnd.EndDate((int)year, (int)week);
    }
}
