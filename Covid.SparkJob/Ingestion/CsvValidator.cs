using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Sylvan.Data.Csv;

namespace Covid.SparkJob.Ingestion;

/// <summary>What a validating pass over a CSV learned: its data rows and the span of its date field.</summary>
internal sealed record CsvStatistics(long Rows, DateOnly? MinDate, DateOnly? MaxDate);

/// <summary>
/// Streams a CSV once and checks every cell against the schema, failing on the first bad line with
/// its 1-based line number in the file (title lines included), so the Parquet conversion
/// afterwards cannot meet a surprise.
/// </summary>
internal static class CsvValidator
{
    public static CsvStatistics Validate(DatasetSchema schema, string csvPath, CancellationToken ct)
    {
        using var file = new StreamReader(csvPath, detectEncodingFromByteOrderMarks: true);
        if (file.Peek() < 0)
        {
            throw new DatasetFormatException(1, $"the file is empty; expected {(schema.TitleLines > 0 ? $"{schema.TitleLines} title lines and " : "")}the header {CsvLayout.ExpectedHeader(schema)}");
        }
        CsvLayout.SkipTitleLines(schema, file);
        var bounded = schema.FooterMarker is null ? null : new FooterBoundReader(file);
        // The delimiter is fixed: Sylvan would otherwise guess it from the header line.
        var options = new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', Quote = '"' };
        using var csv = CsvDataReader.Create(bounded ?? (TextReader)file, options);
        CsvLayout.CheckHeader(schema, Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToList());

        var checker = new RowChecker(schema);
        var fields = schema.CsvFields;
        var line = (long)schema.TitleLines + 1;
        var rows = 0L;
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
            checker.Check(csv, lineNumber);
            // A quoted cell may span lines; count them so later line numbers stay true to the file.
            for (var i = 0; i < fields.Count; i++)
            {
                line += csv.GetFieldSpan(i).Count('\n');
            }
        }
        if (rows == 0)
        {
            throw new DatasetFormatException(schema.TitleLines + 2, "no data rows after the header");
        }
        if (bounded is { StoppedAtBlankLine: true })
        {
            CsvLayout.CheckFooter(schema, file, schema.TitleLines + bounded.LinesRead + 1);
        }
        return new CsvStatistics(rows, checker.MinDate, checker.MaxDate);
    }
}
