using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Covid.Server.Plots;

/// <summary>
/// A lossless PNG (8-bit RGB, no alpha) of an opaque RGBA bitmap, made for charts: large flat
/// areas, thin lines, text. Skia's encoder (libpng, zlib level 3) spent ~4 ms on a 1000×600 line
/// chart, twice the drawing; zlib's fastest level still ~1 ms. Here a row equal to the one above is
/// sent as "Up" (all zeros), every other row as "Sub" (mostly zeros too), and compressed by
/// <see cref="RunLengthZlib"/>, which codes runs of zeros and nothing else: 0.7–1.2 ms.
/// </summary>
internal static class PngEncoder
{
    private const byte FilterSub = 1;
    private const byte FilterUp = 2;

    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <param name="rgba">Rows of <paramref name="width"/> pixels, R G B A, <paramref name="stride"/> bytes apart; alpha is ignored (the bitmap is opaque).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // as RunLengthZlib's
    public static byte[] Encode(ReadOnlySpan<byte> rgba, int width, int height, int stride)
    {
        var rowBytes = 3 * width;
        var zlib = new RunLengthZlib(rowBytes * height / 8 + 1024);
        var row = new byte[1 + rowBytes];
        for (var y = 0; y < height; y++)
        {
            var pixels = rgba.Slice(y * stride, 4 * width);
            if (y > 0 && pixels.SequenceEqual(rgba.Slice((y - 1) * stride, 4 * width)))
            {
                zlib.Append([FilterUp]);
                zlib.AppendZeros(rowBytes);
            }
            else
            {
                row[0] = FilterSub;
                Sub(pixels, row.AsSpan(1));
                zlib.Append(row);
            }
        }
        var (compressed, length) = zlib.Finish();

        var png = new byte[Signature.Length + 12 + 13 + 12 + length + 12];
        Signature.CopyTo(png);
        var at = Signature.Length;
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8; // bits per channel
        header[9] = 2; // RGB
        at = Chunk(png, at, "IHDR"u8, header);
        at = Chunk(png, at, "IDAT"u8, compressed.AsSpan(0, length));
        Chunk(png, at, "IEND"u8, []);
        return png;
    }

    /// <summary>
    /// Each RGB byte minus the same channel of the pixel to its left (PNG's Sub filter), the alpha
    /// bytes dropped: four pixels at a time, differences taken in RGBA and packed by one shuffle.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Sub(ReadOnlySpan<byte> pixels, Span<byte> filtered)
    {
        var words = MemoryMarshal.Cast<byte, uint>(pixels);
        var x = 0;
        var before = 0u;
        if (Ssse3.IsSupported && words.Length > 0)
        {
            Scalar(words[0], 0, filtered);
            var pack = Vector128.Create((byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80);
            ref var from = ref MemoryMarshal.GetReference(pixels);
            ref var to = ref MemoryMarshal.GetReference(filtered);
            // 16 bytes are stored where 12 are meant (the next store overwrites the rest), so the
            // loop stops while 16 still fit.
            for (x = 1; x + 4 <= words.Length && 3 * x + 16 <= filtered.Length; x += 4)
            {
                var current = Vector128.LoadUnsafe(ref from, (nuint)(4 * x));
                var left = Vector128.LoadUnsafe(ref from, (nuint)(4 * x - 4));
                Ssse3.Shuffle(current - left, pack).StoreUnsafe(ref to, (nuint)(3 * x));
            }
            before = words[x - 1];
        }
        for (; x < words.Length; x++)
        {
            Scalar(words[x], before, filtered[(3 * x)..]);
            before = words[x];
        }
    }

    private static void Scalar(uint pixel, uint left, Span<byte> filtered)
    {
        filtered[0] = (byte)(pixel - left);
        filtered[1] = (byte)((pixel >> 8) - (left >> 8));
        filtered[2] = (byte)((pixel >> 16) - (left >> 16));
    }

    /// <summary>Writes a chunk (length, type, data, CRC-32 of type and data) at <paramref name="at"/>; returns where it ends.</summary>
    private static int Chunk(byte[] png, int at, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(at), data.Length);
        type.CopyTo(png.AsSpan(at + 4));
        data.CopyTo(png.AsSpan(at + 8));
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(at + 8 + data.Length), Crc32.HashToUInt32(png.AsSpan(at + 4, 4 + data.Length)));
        return at + 12 + data.Length;
    }
}
