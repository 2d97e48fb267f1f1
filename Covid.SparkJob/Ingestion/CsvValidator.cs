using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;
using Sylvan.Data.Csv;

namespace Covid.SparkJob.Ingestion;

/// <summary>What a validating pass over a CSV learned: its layout, its data rows and the span of its date field.</summary>
internal sealed record CsvStatistics(FileLayout Layout, long Rows, DateOnly? MinDate, DateOnly? MaxDate);

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
        var layout = CsvLayout.CheckHeader(schema, Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToList());

        var checker = new RowChecker(schema, layout);
        var columns = layout.Columns.Count;
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
            if (csv.RowFieldCount != columns)
            {
                throw new DatasetFormatException(lineNumber, layout.Form == ExportForm.Rows && columns == schema.CsvFields.Count
                    ? $"has {csv.RowFieldCount} fields but {schema.Name} has {columns} columns"
                    : $"has {csv.RowFieldCount} fields but the header has {columns} columns");
            }
            checker.Check(csv, lineNumber);
            // A quoted cell may span lines; count them so later line numbers stay true to the file.
            for (var i = 0; i < columns; i++)
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
        return new CsvStatistics(layout, rows, checker.MinDate, checker.MaxDate);
    }
}
