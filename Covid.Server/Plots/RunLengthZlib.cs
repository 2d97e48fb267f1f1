using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Covid.Server.Plots;

/// <summary>
/// A zlib stream (RFC 1950/1951) of one deflate block with the fixed Huffman codes, whose only
/// matches are runs of zero bytes (distance 1). A filtered chart is little else: white rows and
/// flat areas filter to zeros, and what is left are the few bytes at edges, lines and text. So
/// its cost is a scan for zeros plus a table look-up per other byte — no hashing, no match search,
/// no code tables to build — for a stream half again to twice as large as zlib's fastest level's.
/// Its few hot methods are compiled optimised at once: a busy server's tiered JIT had not promoted
/// them after a 90 s bench run, and at tier 0 the encoding cost several times as much.
/// </summary>
internal sealed class RunLengthZlib
{
    private const int MaxMatch = 258;
    private const int MinMatch = 3;
    private const uint AdlerModulus = 65521;

    // Literal and length codes of the fixed Huffman code, bit-reversed for the LSB-first stream;
    // a length's entry carries its extra bits and the 5-bit code of distance 1 (all zeros).
    private static readonly (uint Bits, int Count)[] Literals = BuildLiterals();
    private static readonly (uint Bits, int Count)[] Lengths = BuildLengths();

    private byte[] buffer;
    private int length;
    private ulong bits;
    private int bitCount;
    private bool lastWasZero;
    private ulong s1 = 1;
    private ulong s2;

    public RunLengthZlib(int capacity)
    {
        buffer = new byte[Math.Max(capacity, 64)];
        buffer[0] = 0x78; // deflate, 32 KiB window
        buffer[1] = 0x01; // no dictionary, fastest; 0x7801 is a multiple of 31
        length = 2;
        Write(0b011, 3); // the last block, fixed Huffman codes
    }

    /// <summary>Appends <paramref name="data"/> to the uncompressed stream.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Append(ReadOnlySpan<byte> data)
    {
        // A byte becomes at most 9 bits: room for all of it, so the loops need not check.
        EnsureRoom(data.Length + data.Length / 8 + 16);
        while (!data.IsEmpty)
        {
            var zeros = data.IndexOfAnyExcept((byte)0);
            if (zeros < 0)
            {
                zeros = data.Length;
            }
            if (zeros > 0)
            {
                Zeros(zeros);
                data = data[zeros..];
                continue;
            }
            var others = data.IndexOf((byte)0);
            if (others < 0)
            {
                others = data.Length;
            }
            foreach (var value in data[..others])
            {
                s1 += value;
                s2 += s1;
                var (code, count) = Literals[value];
                Write(code, count);
            }
            lastWasZero = false;
            data = data[others..];
        }
        s1 %= AdlerModulus;
        s2 %= AdlerModulus;
    }

    /// <summary>Appends <paramref name="count"/> zero bytes to the uncompressed stream.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AppendZeros(int count)
    {
        EnsureRoom(count / 8 + 16);
        Zeros(count);
        s2 %= AdlerModulus;
    }

    /// <summary>Ends the stream; the zlib bytes are the first <c>Length</c> of the buffer returned.</summary>
    public (byte[] Buffer, int Length) Finish()
    {
        EnsureRoom(16);
        Write(0, 7); // end of block: code 256 is seven zero bits
        Flush();
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(length), (uint)((s2 << 16) | s1));
        length += 4;
        return (buffer, length);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Zeros(int count)
    {
        // The checksum of a run of zeros: s1 stays, s2 grows by s1 for each.
        s2 += s1 * (ulong)count;
        if (!lastWasZero)
        {
            // A run copies the byte before it: the first zero goes as a literal.
            Write(Literals[0].Bits, Literals[0].Count);
            count--;
            lastWasZero = true;
        }
        while (count >= MinMatch)
        {
            // Never leave one or two zeros over: they could not be a match.
            var match = count <= MaxMatch ? count : count - MaxMatch >= MinMatch ? MaxMatch : count - MinMatch;
            Write(Lengths[match].Bits, Lengths[match].Count);
            count -= match;
        }
        for (; count > 0; count--)
        {
            Write(Literals[0].Bits, Literals[0].Count);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Write(uint code, int count)
    {
        bits |= (ulong)code << bitCount;
        bitCount += count;
        if (bitCount >= 32)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(length), (uint)bits);
            length += 4;
            bits >>= 32;
            bitCount -= 32;
        }
    }

    private void Flush()
    {
        for (; bitCount > 0; bitCount -= 8)
        {
            buffer[length++] = (byte)bits;
            bits >>= 8;
        }
        (bits, bitCount) = (0, 0);
    }

    private void EnsureRoom(int bytes)
    {
        if (length + bytes > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + bytes));
        }
    }

    private static (uint, int)[] BuildLiterals()
    {
        var table = new (uint, int)[256];
        for (var value = 0; value < 256; value++)
        {
            table[value] = value < 144 ? Reversed(0x30 + value, 8) : Reversed(0x190 + value - 144, 9);
        }
        return table;
    }

    private static (uint, int)[] BuildLengths()
    {
        // RFC 1951 3.2.5: the length codes 257…285, the first length each stands for and its extra bits.
        int[] first = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
        int[] extra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
        var table = new (uint, int)[MaxMatch + 1];
        for (var code = 0; code < first.Length; code++)
        {
            var symbol = 257 + code;
            var (huffman, count) = symbol < 280 ? Reversed(symbol - 256, 7) : Reversed(0xC0 + symbol - 280, 8);
            // Each code runs up to the next one's first length (so 284 stops at 257: 258 is 285's).
            var last = code + 1 < first.Length ? first[code + 1] - 1 : MaxMatch;
            for (var match = first[code]; match <= last; match++)
            {
                var withExtra = huffman | ((uint)(match - first[code]) << count);
                table[match] = (withExtra, count + extra[code] + 5);
            }
        }
        return table;
    }

    private static (uint, int) Reversed(int code, int count)
    {
        var reversed = 0u;
        for (var i = 0; i < count; i++)
        {
            reversed |= (uint)((code >> i) & 1) << (count - 1 - i);
        }
        return (reversed, count);
    }
}
