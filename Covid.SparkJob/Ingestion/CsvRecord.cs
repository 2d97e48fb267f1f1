using System.Runtime.CompilerServices;
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
    // One array of small structs, not one per attribute: a cell costs one bounds check and one cache line.
    private CellBounds[] _cells = new CellBounds[64];
    private byte[] _unescaped = new byte[256];

    private readonly record struct CellBounds(int Start, int Length, bool Escaped);

    /// <summary>The 1-based line of the file the record starts on.</summary>
    public long Line { get; private set; }

    public int Count { get; private set; }

    /// <summary>Line breaks inside quoted cells: the next record starts this many lines after the next line.</summary>
    public int QuotedLineBreaks { get; internal set; }

    /// <summary>True for a record with no byte before its line end (a blank line).</summary>
    public bool IsBlank => Count == 1 && _cells[0] is { Length: 0, Escaped: false } && !Quoted;

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
        if (Count == _cells.Length)
        {
            Array.Resize(ref _cells, Count * 2);
        }
        _cells[Count] = new CellBounds(start, length, escaped);
        Count++;
    }

    /// <summary>The cell's value; a quoted cell's doubled quotes are read as one.</summary>
    /// <remarks>Small enough to be inlined where every cell of an upload is read; the rare escaped cell is a call.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Cell(int index)
    {
        var cell = _cells[index];
        return cell.Escaped ? Unescaped(cell) : _buffer.AsSpan(cell.Start, cell.Length);
    }

    private ReadOnlySpan<byte> Unescaped(CellBounds cell)
    {
        var raw = _buffer.AsSpan(cell.Start, cell.Length);
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
