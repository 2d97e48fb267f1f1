using SkiaSharp;

namespace Covid.Tests.Support;

/// <summary>Checks on the PNGs the plot renderer writes.</summary>
internal static class PngAssert
{
    /// <summary>Decodes the PNG, asserting it decodes at this size; the caller disposes the bitmap.</summary>
    public static SKBitmap Decode(byte[] png, int width, int height)
    {
        var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
        return bitmap;
    }

    /// <summary>A PNG of this size with a chart drawn on it, not a blank page.</summary>
    public static void Picture(byte[] png, int width, int height)
    {
        using var bitmap = Decode(png, width, height);
        var inked = 0;
        for (var y = 0; y < bitmap.Height; y += 3)
        {
            for (var x = 0; x < bitmap.Width; x += 3)
            {
                if (bitmap.GetPixel(x, y) != SKColors.White)
                {
                    inked++;
                }
            }
        }
        Assert.True(inked > 500, $"expected a drawn chart, found {inked} non-white sampled pixels");
    }
}
