using Covid.SparkJob.Catalog;
using Covid.V1;
using SkiaSharp;

namespace Covid.Server.Plots;

/// <summary>
/// The one line under every chart that says where its numbers come from ("Source: CDC 9mfq-cb36,
/// data as of 2021-05-31, version 2 of cdc-cases-deaths-by-state, sha256 3f2a9c01 · upload:…"),
/// so a chart pasted into a report still names its release. Cut with an ellipsis when it is
/// wider than the chart: the most important part comes first.
/// </summary>
public static class SourceFooter
{
    /// <summary>Pixels the line takes at the bottom of the chart.</summary>
    public const int Height = 20;

    private const float TextSize = 11;

    /// <summary>The line for a result's provenance; null for results stored before versions existed.</summary>
    public static string? Text(Result result, SchemaCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(catalog);
        if (result.DatasetVersion is not { Dataset.Length: > 0 } version)
        {
            return null;
        }
        var cdc = catalog.Find(version.Schema)?.CdcIds.FirstOrDefault();
        var origin = version.Synthetic ? "SYNTHETIC sample (not CDC data)" : cdc is null ? version.Schema : "CDC " + cdc;
        var text = $"Source: {origin}, data as of {version.DataAsOf}, version {version.Version} of {version.Dataset}";
        if (result.CompareVersion is { } then)
        {
            text += $", revisions against version {then.Version} (data as of {then.DataAsOf})";
        }
        if (version.Sha256.Length >= 8)
        {
            text += $", sha256 {version.Sha256[..8]}";
        }
        return text + " · " + version.Source;
    }

    /// <summary>Draws <paramref name="text"/> in the bottom <see cref="Height"/> pixels of a chart <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static void Draw(SKCanvas canvas, string text, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        using var typeface = SKTypeface.FromFamilyName("DejaVu Sans");
        using var paint = new SKPaint { Typeface = typeface, TextSize = TextSize, Color = new SKColor(0x55, 0x55, 0x55), IsAntialias = true };
        const float margin = 8;
        canvas.DrawText(Fit(text, width - 2 * margin, paint), margin, height - (Height - TextSize) / 2 - 2, paint);
    }

    private static string Fit(string text, float room, SKPaint paint)
    {
        if (paint.MeasureText(text) <= room)
        {
            return text;
        }
        var length = text.Length;
        while (length > 0 && paint.MeasureText(text[..length] + "…") > room)
        {
            length--;
        }
        return text[..length].TrimEnd() + "…";
    }
}
