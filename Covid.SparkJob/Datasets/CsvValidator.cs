using Covid.SparkJob.Catalog;
using Sylvan.Data.Csv;

namespace Covid.SparkJob.Datasets;

/// <summary>What a validating pass over a CSV learned: its data rows and the span of its date field.</summary>
internal sealed record CsvStatistics(long Rows, DateOnly? MinDate, DateOnly? MaxDate);

/// <summary>
/// Streams a CSV once and checks every cell against the schema, failing on the first bad line with
/// its 1-based line number, so the Parquet conversion afterwards cannot meet a surprise.
/// </summary>
internal static class CsvValidator
{
    public static CsvStatistics Validate(DatasetSchema schema, string csvPath, CancellationToken ct)
    {
        using var text = new StreamReader(csvPath, detectEncodingFromByteOrderMarks: true);
        if (text.Peek() < 0)
        {
            throw new DatasetFormatException(1, $"the file is empty; expected the header {string.Join(",", schema.Fields.Select(f => f.Name))}");
        }
        // The delimiter is fixed: Sylvan would otherwise guess it from the header line.
        var options = new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', Quote = '"' };
        using var csv = CsvDataReader.Create(text, options);
        CsvLayout.CheckHeader(schema, Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToList());

        var fields = schema.Fields;
        var dateIndex = fields.ToList().FindIndex(f => f.Name == schema.DateField);
        var line = 1L;
        var rows = 0L;
        DateOnly? min = null, max = null;
        while (csv.Read())
        {
            line++;
            rows++;
            if ((rows & 0xFFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
            var lineNumber = checked((int)line);
            if (csv.RowFieldCount != fields.Count)
            {
                throw new DatasetFormatException(lineNumber,
                    $"has {csv.RowFieldCount} fields but {schema.Name} has {fields.Count} columns");
            }
            var newlines = 0;
            for (var i = 0; i < fields.Count; i++)
            {
                var cell = csv.GetFieldSpan(i);
                if (CsvFieldChecker.Problem(fields[i], cell, required: i == dateIndex) is { } problem)
                {
                    var shown = CsvLayout.Shorten(cell.ToString());
                    throw new DatasetFormatException(lineNumber, $"column {fields[i].Name}: '{shown}' {problem}");
                }
                // A quoted cell may span lines; count them so later line numbers stay true to the file.
                newlines += cell.Count('\n');
            }
            if (dateIndex >= 0 && CsvFieldChecker.TryDate(fields[dateIndex], csv.GetFieldSpan(dateIndex), out var date))
            {
                min = min is null || date < min ? date : min;
                max = max is null || date > max ? date : max;
            }
            line += newlines;
        }
        if (rows == 0)
        {
            throw new DatasetFormatException(2, "no data rows after the header");
        }
        return new CsvStatistics(rows, min, max);
    }
}
