using System.IO.Compression;
using Covid.Server.Plots;
using Covid.SparkJob.Results;
using Covid.Tests.Support;
using Covid.V1;
using SkiaSharp;

namespace Covid.Tests.Server.Plots;

/// <summary>
/// Our PNG encoder must be lossless: decoded by Skia (libpng, which checks every chunk's CRC) the
/// pixels are the bitmap's, and its zlib stream inflates, checksum and all, with .NET's zlib.
/// </summary>
public sealed class PngEncoderTests
{
    [Fact]
    public void Encode_DrawnChart_DecodesToTheSamePixels()
    {
        var table = new ResultTable(
            [new ResultColumn("period", ColumnType.Date), new ResultColumn("state", ColumnType.String), new ResultColumn("cases", ColumnType.Int64)],
            [.. Enumerable.Range(0, 60).SelectMany(d => new[] { "NY", "CA", "TX" }.Select((s, i) => new object?[] { new DateOnly(2020, 3, 1).AddDays(d), s, (long)((i + 1) * 1000 + 700 * Math.Sin(d / 7.0)) }))]);
        var plot = new Plot { Kind = Plot.Types.Kind.Line, Title = "Daily", X = "period", Y = { "cases" }, Series = "state" };
        using var drawn = PlotRenderer.Draw(PlotRenderer.Build(table, plot, 1000), 1000, 600, "Source: a test");

        AssertLossless(drawn);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 3)]
    [InlineData(7, 40)]
    [InlineData(333, 17)]
    public void Encode_NoiseRunsAndRepeatedRows_DecodesToTheSamePixels(int width, int height)
    {
        var random = new Random(width * 31 + height);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                // Noise, flat stretches (zero runs of every length) and rows repeated from above.
                var colour = y % 5 == 4 && y > 0 ? bitmap.GetPixel(x, y - 1)
                    : x % 97 < 60 ? new SKColor(200, 10, (byte)(y * 3))
                    : new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                bitmap.SetPixel(x, y, colour);
            }
        }

        AssertLossless(bitmap);
    }

    [Fact]
    public void Encode_WhitePage_LongZeroRunsStaySmall()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(4000, 300, SKColorType.Rgba8888, SKAlphaType.Opaque));
        bitmap.Erase(SKColors.White);

        var png = AssertLossless(bitmap);

        // 3.6 MB filtered, all zeros but the first pixel: runs of 258 zeros in 18 bits each, not literals.
        Assert.True(png.Length < 300 * 12_001 / 100, $"a white 4000×300 page took {png.Length} bytes");
    }

    private static byte[] AssertLossless(SKBitmap bitmap)
    {
        var png = PlotRenderer.Encode(bitmap);

        using (var decoded = PngAssert.Decode(png, bitmap.Width, bitmap.Height))
        {
            for (var y = 0; y < bitmap.Height; y++)
            {
                for (var x = 0; x < bitmap.Width; x++)
                {
                    Assert.Equal(bitmap.GetPixel(x, y), decoded.GetPixel(x, y));
                }
            }
        }
        // One row a filter byte and three bytes a pixel, once inflated and its Adler-32 checked.
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(Idat(png)), CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }
        Assert.Equal(bitmap.Height * (1 + 3 * bitmap.Width), inflated.Length);
        return png;
    }

    private static byte[] Idat(byte[] png)
    {
        for (var at = 8; at < png.Length;)
        {
            var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            if (png.AsSpan(at + 4, 4).SequenceEqual("IDAT"u8))
            {
                return png.AsSpan(at + 8, length).ToArray();
            }
            at += 12 + length;
        }
        throw new InvalidOperationException("no IDAT chunk");
    }
}
