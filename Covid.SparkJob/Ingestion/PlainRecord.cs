using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Covid.SparkJob.Ingestion;

/// <summary>
/// The line check's fast path for the record nearly every export is made of: no quote, no carriage
/// return but one before its LF, its line end already here, shorter than every limit. Such a record
/// is split 32 bytes at a time (commas and the line end found as bit masks, not one search per
/// cell), where the general reader costs a search and several checks per cell. Anything else — a
/// quote, a stray CR, a long line, many columns, the window's end — it declines, untouched but for
/// the cells it had added, and <see cref="CsvLineReader"/> reads the record the general way, with
/// its errors: this path never decides that a record is wrong.
/// </summary>
internal static class PlainRecord
{
    private const int Block = 32;

    /// <summary>
    /// Splits the record starting at <paramref name="start"/> into <paramref name="record"/>'s cells;
    /// returns the offset after its line end, or -1 to leave the record to the general reader.
    /// </summary>
    /// <param name="data">The window up to its last byte read.</param>
    /// <param name="maxBytes">The longest record this path takes (at most every cell and line limit).</param>
    /// <param name="maxColumns">The most cells this path takes.</param>
    /// <param name="crlf">True when the record ends with CRLF, false with LF.</param>
    public static int TryRead(ReadOnlySpan<byte> data, int start, int maxBytes, int maxColumns, CsvRecord record, out bool crlf)
    {
        crlf = false;
        ref var first = ref MemoryMarshal.GetReference(data);
        var cell = start;
        for (var at = start; at + Block <= data.Length && at - start < maxBytes; at += Block)
        {
            Masks(ref Unsafe.Add(ref first, at), out var commas, out var lineEnds, out var quotes, out var returns);
            // Only what comes before the line end belongs to this record.
            var lineEnd = lineEnds & (0u - lineEnds);
            var before = lineEnd == 0 ? uint.MaxValue : lineEnd - 1;
            returns &= before;
            // A quote is never plain; a CR only right before the LF, in the same block.
            if ((quotes & before) != 0 || (returns != 0 && returns != lineEnd >> 1))
            {
                return -1;
            }
            for (var c = commas & before; c != 0; c &= c - 1)
            {
                var comma = at + BitOperations.TrailingZeroCount(c);
                if (record.Count + 1 >= maxColumns)
                {
                    return -1;
                }
                record.Add(cell, comma - cell, escaped: false);
                cell = comma + 1;
            }
            if (lineEnds != 0)
            {
                var end = at + BitOperations.TrailingZeroCount(lineEnds);
                crlf = returns != 0;
                if (end - start > maxBytes)
                {
                    return -1;
                }
                record.Add(cell, end - (crlf ? 1 : 0) - cell, escaped: false);
                return end + 1;
            }
        }
        return -1;
    }

    /// <summary>Bit i of each mask is set when byte i of the block is a comma, an LF, a quote, a CR.</summary>
    private static void Masks(ref byte block, out uint commas, out uint lineEnds, out uint quotes, out uint returns)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            var v = Vector256.LoadUnsafe(ref block);
            commas = Vector256.Equals(v, Vector256.Create((byte)',')).ExtractMostSignificantBits();
            lineEnds = Vector256.Equals(v, Vector256.Create((byte)'\n')).ExtractMostSignificantBits();
            quotes = Vector256.Equals(v, Vector256.Create((byte)'"')).ExtractMostSignificantBits();
            returns = Vector256.Equals(v, Vector256.Create((byte)'\r')).ExtractMostSignificantBits();
            return;
        }
        var low = Vector128.LoadUnsafe(ref block);
        var high = Vector128.LoadUnsafe(ref Unsafe.Add(ref block, 16));
        commas = Mask(low, high, (byte)',');
        lineEnds = Mask(low, high, (byte)'\n');
        quotes = Mask(low, high, (byte)'"');
        returns = Mask(low, high, (byte)'\r');
    }

    private static uint Mask(Vector128<byte> low, Vector128<byte> high, byte value) =>
        Vector128.Equals(low, Vector128.Create(value)).ExtractMostSignificantBits()
        | (Vector128.Equals(high, Vector128.Create(value)).ExtractMostSignificantBits() << 16);
}
