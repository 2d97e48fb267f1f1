using System.Buffers;
using Covid.SparkJob.Datasets;

namespace Covid.SparkJob.Ingestion;

/// <summary>
/// The line check: reads a CSV as it arrives, chunk by chunk, into records and cells (RFC 4180:
/// comma-separated, a cell quoted when it starts with a quote, a doubled quote inside it read as
/// one), and refuses what the converter cannot read the same way, naming the line: bytes that are
/// not UTF-8, a quote never closed or text after a closing quote, a carriage return that ends no
/// line, a line ending that differs from the file's first (CRLF among LF lines, or the reverse), and
/// a line, cell or column count past <see cref="CsvLimits"/>. Memory is bounded by the limits: only
/// the record being read is kept across chunks.
/// </summary>
internal sealed class CsvLineReader(CsvLimits limits, int titleLines)
{
    private static readonly SearchValues<byte> CellEnds = SearchValues.Create(",\n\r"u8);

    private readonly CsvRecord _record = new();
    private byte[] _window = new byte[256 * 1024];
    private int _head;
    private int _tail;
    private int _validated;
    private long _offset;
    private long _line = 1;
    private Phase _phase = titleLines > 0 ? Phase.Title : Phase.Records;
    private bool _started;
    private bool? _crlf;

    private enum Phase { Title, Records, Footer }

    /// <summary>The 1-based line the next record starts on.</summary>
    public long Line => _line;

    public void Append(ReadOnlySpan<byte> bytes, ICsvRecordSink sink)
    {
        while (bytes.Length > 0)
        {
            MakeRoom(bytes.Length);
            var n = Math.Min(bytes.Length, _window.Length - _tail);
            bytes[..n].CopyTo(_window.AsSpan(_tail));
            _tail += n;
            bytes = bytes[n..];
            Process(sink, final: false);
        }
    }

    /// <summary>The end of the file: the last record may lack its line end.</summary>
    public void Complete(ICsvRecordSink sink) => Process(sink, final: true);

    private void Process(ICsvRecordSink sink, bool final)
    {
        if (!Validate(final))
        {
            return;
        }
        var bodyStart = _phase == Phase.Records ? _head : -1;
        while (_head < _tail)
        {
            if (_phase == Phase.Records)
            {
                bodyStart = bodyStart < 0 ? _head : bodyStart;
                var start = _head;
                if (!TryRecord(final))
                {
                    break;
                }
                if (!sink.Record(_record))
                {
                    sink.Body(_window.AsSpan(bodyStart, start - bodyStart));
                    bodyStart = -1;
                    _phase = Phase.Footer;
                }
                continue;
            }
            if (!TryRawLine(final, out var text))
            {
                break;
            }
            if (_phase == Phase.Title)
            {
                sink.TitleLine(_line - 1, text);
                _phase = _line > titleLines ? Phase.Records : Phase.Title;
            }
            else
            {
                sink.FooterLine(_line - 1, text);
            }
        }
        if (bodyStart >= 0 && _head > bodyStart)
        {
            sink.Body(_window.AsSpan(bodyStart, _head - bodyStart));
        }
    }

    /// <summary>Checks the encoding of the bytes not yet checked; false until the file's first 4 bytes are here.</summary>
    private bool Validate(bool final)
    {
        if (!_started)
        {
            if (_tail < 4 && !final)
            {
                return false;
            }
            _started = true;
            _head = _validated = CsvEncoding.CheckStart(_window.AsSpan(0, _tail));
            _offset = _head;
        }
        var end = final ? _tail : _tail - CsvEncoding.IncompleteTail(_window.AsSpan(_validated, _tail - _validated));
        CsvEncoding.Check(_window.AsSpan(_validated, end - _validated), _window.AsSpan(_head, _validated - _head), _line + _window.AsSpan(_head, _validated - _head).Count((byte)'\n'));
        _validated = end;
        return true;
    }

    /// <summary>A line read as text (title or footer): up to its line end.</summary>
    private bool TryRawLine(bool final, out ReadOnlySpan<byte> text)
    {
        var rest = _window.AsSpan(_head, _tail - _head);
        var newline = rest.IndexOf((byte)'\n');
        if (newline < 0 && !final)
        {
            text = default;
            return rest.Length <= limits.MaxLineBytes ? false : throw new DatasetFormatException(checked((int)_line), $"is longer than {limits.Line}");
        }
        var length = newline < 0 ? rest.Length : newline;
        text = rest[..length];
        if (text.Length > 0 && text[^1] == (byte)'\r')
        {
            text = text[..^1];
        }
        Consume(newline < 0 ? length : length + 1, lines: 1);
        return true;
    }

    /// <summary>Reads one record into <see cref="_record"/>; false when its end is not here yet.</summary>
    private bool TryRecord(bool final)
    {
        var data = _window.AsSpan(0, _tail);
        _record.Start(_window, _line);
        var i = _head;
        if (_offset > 0 && CsvEncoding.IsByteOrderMark(data[i..]))
        {
            throw new DatasetFormatException(checked((int)_line), "begins with a byte order mark (EF BB BF): were two files joined together? Only the file's first line may have one");
        }
        // Nearly every record of an export is plain (no quote, its end here): read 32 bytes at a time, else as below.
        var plain = PlainRecord.TryRead(data, i, Math.Min(limits.MaxLineBytes, limits.MaxCellBytes), limits.MaxColumns, _record, out var plainCrlf);
        if (plain >= 0)
        {
            return Finish(plain, plainCrlf);
        }
        _record.Start(_window, _line);
        while (true)
        {
            if (_record.Count >= limits.MaxColumns)
            {
                throw new DatasetFormatException(checked((int)_line), $"has more columns than {limits.Columns}");
            }
            int end;
            if (i < _tail && data[i] == (byte)'"')
            {
                if (!TryQuoted(data, i, final, out end))
                {
                    return false;
                }
            }
            else
            {
                var found = data[i..].IndexOfAny(CellEnds);
                if (found < 0 && !final)
                {
                    return Incomplete(i);
                }
                end = found < 0 ? _tail : i + found;
                CheckCell(end - i);
                _record.Add(i, end - i, escaped: false);
            }
            if (end == _tail)
            {
                return final ? Finish(_tail, crlf: null) : Incomplete(i);
            }
            switch (data[end])
            {
                case (byte)',':
                    i = end + 1;
                    continue;
                case (byte)'\n':
                    return Finish(end + 1, crlf: false);
                default: // '\r'
                    if (end + 1 == _tail && !final)
                    {
                        return Incomplete(i);
                    }
                    if (end + 1 < _tail && data[end + 1] == (byte)'\n')
                    {
                        return Finish(end + 2, crlf: true);
                    }
                    throw new DatasetFormatException(checked((int)_line),
                        $"column {_record.Count}: has a carriage return (CR) that ends no line (a CR is only allowed before LF, or inside a quoted cell)");
            }
        }
    }

    /// <summary>A quoted cell starting at <paramref name="open"/>; <paramref name="end"/> is the byte after its closing quote.</summary>
    private bool TryQuoted(ReadOnlySpan<byte> data, int open, bool final, out int end)
    {
        var escaped = false;
        var j = open + 1;
        while (true)
        {
            var quote = data[j.._tail].IndexOf((byte)'"');
            if (quote < 0 || (j + quote + 1 == _tail && !final))
            {
                end = 0;
                if (quote < 0 && final)
                {
                    throw new DatasetFormatException(checked((int)QuoteLine(data, open)),
                        $"column {_record.Count + 1}: the quote that opens this cell is never closed (the file ends inside it)");
                }
                if (_tail - open > limits.MaxCellBytes)
                {
                    throw new DatasetFormatException(checked((int)QuoteLine(data, open)),
                        $"column {_record.Count + 1}: the quoted cell that starts here runs on for more than {limits.Cell}; is its closing quote missing?");
                }
                return Incomplete(open);
            }
            var close = j + quote;
            if (close + 1 < _tail && data[close + 1] == (byte)'"')
            {
                escaped = true;
                j = close + 2;
                continue;
            }
            end = close + 1;
            CheckCell(close - open - 1);
            var content = data[(open + 1)..close];
            _record.QuotedLineBreaks += content.Count((byte)'\n');
            _record.Quoted = true;
            _record.Add(open + 1, close - open - 1, escaped);
            if (end < _tail && data[end] is not ((byte)',' or (byte)'\n' or (byte)'\r'))
            {
                throw new DatasetFormatException(checked((int)_line),
                    $"column {_record.Count}: text follows the closing quote of a quoted cell (a quoted cell must end at a comma or the line's end; a quote inside it is written twice)");
            }
            return true;
        }
    }

    private long QuoteLine(ReadOnlySpan<byte> data, int open) => _line + data[_head..open].Count((byte)'\n');

    private void CheckCell(int length)
    {
        if (length > limits.MaxCellBytes)
        {
            throw new DatasetFormatException(checked((int)_line), $"column {_record.Count + 1}: has a cell longer than {limits.Cell}");
        }
    }

    /// <summary>The record's end is not in the window yet: fine unless it is already too long.</summary>
    private bool Incomplete(int cellStart)
    {
        if (_tail - cellStart > limits.MaxCellBytes)
        {
            throw new DatasetFormatException(checked((int)_line), $"column {_record.Count + 1}: has a cell longer than {limits.Cell}");
        }
        if (_tail - _head > limits.MaxLineBytes)
        {
            throw new DatasetFormatException(checked((int)_line), $"is longer than {limits.Line}");
        }
        return false;
    }

    private bool Finish(int next, bool? crlf)
    {
        if (next - _head > limits.MaxLineBytes + 2)
        {
            throw new DatasetFormatException(checked((int)_line), $"is longer than {limits.Line}");
        }
        if (crlf is { } ending)
        {
            Ending(ending);
        }
        Consume(next - _head, lines: 1 + _record.QuotedLineBreaks);
        return true;
    }

    /// <summary>Every line must end as the first one does: DuckDB and CSV readers alike pick one line ending per file.</summary>
    private void Ending(bool crlf)
    {
        _crlf ??= crlf;
        if (_crlf != crlf)
        {
            throw new DatasetFormatException(checked((int)_line), crlf
                ? "ends with CRLF (\\r\\n) but the lines before it end with LF (\\n); save the file with one kind of line ending"
                : "ends with LF (\\n) but the lines before it end with CRLF (\\r\\n); save the file with one kind of line ending");
        }
    }

    private void Consume(int bytes, int lines)
    {
        _head += bytes;
        _offset += bytes;
        _line += lines;
    }

    /// <summary>Keeps only the unread record, moved to the front, and grows the window when a long record needs it.</summary>
    private void MakeRoom(int wanted)
    {
        if (_tail < _window.Length)
        {
            return;
        }
        var kept = _tail - _head;
        if (kept + Math.Min(wanted, 64 * 1024) > _window.Length)
        {
            Array.Resize(ref _window, _window.Length * 2);
        }
        _window.AsSpan(_head, kept).CopyTo(_window);
        _validated -= _head;
        _head = 0;
        _tail = kept;
    }
}
