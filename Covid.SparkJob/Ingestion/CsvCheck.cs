using Covid.SparkJob.Catalog;
using Covid.SparkJob.Datasets;

namespace Covid.SparkJob.Ingestion;

/// <summary>
/// Checks a CSV against its schema in one pass as its bytes arrive, failing on the first bad line
/// with its 1-based line number in the file (title lines included), so the Parquet conversion
/// afterwards cannot meet a surprise: the line check (<see cref="CsvLineReader"/>), then title lines,
/// the header (<see cref="CsvLayout"/>), every row (<see cref="RowChecker"/>) and the footer.
/// The header and data records are handed on as they pass (<paramref name="body"/>) for the converter.
/// </summary>
internal sealed class CsvCheck(DatasetSchema schema, CsvLimits limits, Action<ReadOnlySpan<byte>>? body) : ICsvRecordSink
{
    private readonly CsvLineReader _reader = new(limits, schema.TitleLines);
    private int _titleLines;
    private FileLayout? _layout;
    private RowChecker? _rows;
    private long _rowCount;
    private long _bytes;
    private bool _dataEnded;
    private bool _footerBegun;

    /// <summary>The file's columns, once its header has been read.</summary>
    public FileLayout? Layout => _layout;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        _bytes += bytes.Length;
        _reader.Append(bytes, this);
    }

    public CsvStatistics Complete()
    {
        _reader.Complete(this);
        if (_bytes == 0)
        {
            throw new DatasetFormatException(1, $"the file is empty; expected {(schema.TitleLines > 0 ? $"{schema.TitleLines} title lines and " : "")}the header {CsvLayout.ExpectedHeader(schema)}");
        }
        if (_titleLines < schema.TitleLines)
        {
            throw CsvLayout.EndsBeforeHeader(schema, _titleLines);
        }
        var layout = _layout ?? CsvLayout.CheckHeader(schema, []);
        if (_rowCount == 0)
        {
            throw new DatasetFormatException(schema.TitleLines + 2, "no data rows after the header");
        }
        return new CsvStatistics(layout, _rowCount, _rows!.MinDate, _rows.MaxDate, _bytes);
    }

    public void TitleLine(long line, ReadOnlySpan<byte> text) => _titleLines++;

    public bool Record(CsvRecord record)
    {
        var line = checked((int)record.Line);
        if (_layout is null)
        {
            _layout = CsvLayout.CheckHeader(schema, [.. Enumerable.Range(0, record.Count).Select(record.Text)]);
            _rows = new RowChecker(schema, _layout);
            return true;
        }
        if (record.IsBlank)
        {
            _dataEnded = schema.FooterMarker is not null;
            return _dataEnded ? false : throw new DatasetFormatException(line,
                $"is blank; {schema.Name} has no footer, so a blank line cannot end its data: remove it");
        }
        var columns = _layout.Columns.Count;
        if (record.Count != columns)
        {
            throw new DatasetFormatException(line, _layout.Form == ExportForm.Rows && columns == schema.CsvFields.Count
                ? $"has {record.Count} fields but {schema.Name} has {columns} columns"
                : $"has {record.Count} fields but the header has {columns} columns");
        }
        _rowCount++;
        _rows!.Check(record, line);
        return true;
    }

    public void FooterLine(long line, ReadOnlySpan<byte> text)
    {
        if (_dataEnded && !_footerBegun)
        {
            _footerBegun = CsvLayout.CheckFooterLine(schema, System.Text.Encoding.UTF8.GetString(text), line);
        }
    }

    public void Body(ReadOnlySpan<byte> bytes) => body?.Invoke(bytes);
}
