namespace Covid.SparkJob.Ingestion;

/// <summary>
/// The geography values a schema codes, looked up by a cell's UTF-8 bytes: a value of up to 7
/// bytes (a state or territory code) is one 64-bit number, so the lookup for every row of an
/// upload decodes and hashes no text; longer cells are decoded and looked up as text.
/// </summary>
internal sealed class PlaceValues
{
    private readonly HashSet<ulong> _short = [];
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _all;
    private readonly char[] _chars = new char[256];

    public PlaceValues(IEnumerable<string> values)
    {
        var all = values.ToHashSet(StringComparer.Ordinal);
        _all = all.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var value in all)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(value);
            if (bytes.Length <= 7)
            {
                _short.Add(Key(bytes));
            }
        }
    }

    public bool Contains(ReadOnlySpan<byte> cell)
    {
        if (cell.Length <= 7)
        {
            return _short.Contains(Key(cell));
        }
        // A cell longer than any value is no value.
        return System.Text.Encoding.UTF8.TryGetChars(cell, _chars, out var n) && _all.Contains(_chars.AsSpan(0, n));
    }

    /// <summary>The bytes and their count in one number: the count in the top byte, so "AK" and "AK\0" differ.</summary>
    private static ulong Key(ReadOnlySpan<byte> bytes)
    {
        var key = (ulong)bytes.Length << 56;
        for (var i = 0; i < bytes.Length; i++)
        {
            key |= (ulong)bytes[i] << (8 * i);
        }
        return key;
    }
}
