using Covid.SparkJob.Datasets;
namespace Covid.SparkJob.Ingestion;

/// <summary>
/// Passes a CSV through line by line up to the first blank line, then reports end of file, so a
/// CSV parser never sees the disclaimer an export appends after its data. Used only for schemas
/// with a footer (whose data hold no quoted line breaks); lines come out ending in "\n".
/// </summary>
internal sealed class FooterBoundReader(TextReader inner) : TextReader
{
    private string _pending = "";
    private int _offset;
    private bool _ended;

    /// <summary>Lines passed through so far (the header and data lines).</summary>
    public long LinesRead { get; private set; }

    /// <summary>True once the blank line ending the data was met (false: the file simply ended).</summary>
    public bool StoppedAtBlankLine { get; private set; }

    public override int Peek() => Fill() ? _pending[_offset] : -1;

    public override int Read() => Fill() ? _pending[_offset++] : -1;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var written = 0;
        while (written < buffer.Length && Fill())
        {
            var n = Math.Min(buffer.Length - written, _pending.Length - _offset);
            _pending.AsSpan(_offset, n).CopyTo(buffer[written..]);
            _offset += n;
            written += n;
        }
        return written;
    }

    private bool Fill()
    {
        if (_offset < _pending.Length)
        {
            return true;
        }
        if (_ended)
        {
            return false;
        }
        var line = inner.ReadLine();
        if (line is null || line.Length == 0)
        {
            _ended = true;
            StoppedAtBlankLine = line is not null;
            return false;
        }
        LinesRead++;
        _pending = line + "\n";
        _offset = 0;
        return true;
    }
}
