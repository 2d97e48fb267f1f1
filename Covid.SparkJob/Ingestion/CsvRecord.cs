using System.Text;

namespace Covid.SparkJob.Ingestion;

/// <summary>
/// One record of a CSV as the line check split it: its cells as UTF-8 bytes (quotes removed, a
/// doubled quote read as one) and the physical line it starts on. Valid only during the callback
/// that received it: the bytes live in the reader's buffer.
/// </summary>
internal sealed class CsvRecord
{
    private byte[] _buffer = [];
    private int[] _starts = new int[64];
    private int[] _lengths = new int[64];
    private bool[] _escaped = new bool[64];
    private byte[] _unescaped = new byte[256];

    /// <summary>The 1-based line of the file the record starts on.</summary>
    public long Line { get; private set; }

    public int Count { get; private set; }

    /// <summary>Line breaks inside quoted cells: the next record starts this many lines after the next line.</summary>
    public int QuotedLineBreaks { get; internal set; }

    /// <summary>True for a record with no byte before its line end (a blank line).</summary>
    public bool IsBlank => Count == 1 && _lengths[0] == 0 && !_escaped[0] && !Quoted;

    internal bool Quoted { get; set; }

    internal void Start(byte[] buffer, long line)
    {
        _buffer = buffer;
        Line = line;
        Count = 0;
        QuotedLineBreaks = 0;
        Quoted = false;
    }

    internal void Add(int start, int length, bool escaped)
    {
        if (Count == _starts.Length)
        {
            Array.Resize(ref _starts, Count * 2);
            Array.Resize(ref _lengths, Count * 2);
            Array.Resize(ref _escaped, Count * 2);
        }
        _starts[Count] = start;
        _lengths[Count] = length;
        _escaped[Count] = escaped;
        Count++;
    }

    /// <summary>The cell's value; a quoted cell's doubled quotes are read as one.</summary>
    public ReadOnlySpan<byte> Cell(int index)
    {
        var raw = _buffer.AsSpan(_starts[index], _lengths[index]);
        if (!_escaped[index])
        {
            return raw;
        }
        if (_unescaped.Length < raw.Length)
        {
            _unescaped = new byte[raw.Length];
        }
        var n = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            _unescaped[n++] = raw[i];
            if (raw[i] == (byte)'"')
            {
                i++;
            }
        }
        return _unescaped.AsSpan(0, n);
    }

    public string Text(int index) => Encoding.UTF8.GetString(Cell(index));
}
