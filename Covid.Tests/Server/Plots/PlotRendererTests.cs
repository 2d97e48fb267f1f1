using Covid.Server.Plots;
using Covid.SparkJob.Results;
using Covid.Tests.Support;
using Covid.V1;
using SkiaSharp;

namespace Covid.Tests.Server.Plots;

/// <summary>The renderer on hand-made tables: it must decode as PNG at the asked size with a chart drawn.</summary>
public sealed class PlotRendererTests
{
    private static readonly ResultTable Weekly = new(
        [new ResultColumn("period", ColumnType.Date), new ResultColumn("state", ColumnType.String), new ResultColumn("cases", ColumnType.Int64), new ResultColumn("cfr", ColumnType.Double)],
        [
            [new DateOnly(2020, 3, 9), "NY", 500L, 0.01],
            [new DateOnly(2020, 3, 2), "NY", 100L, null],
            [new DateOnly(2020, 3, 2), "CA", 80L, 0.02],
            [new DateOnly(2020, 3, 9), "CA", 300L, 0.015],
            [new DateOnly(2020, 3, 16), "CA", null, null],
        ]);

    [Fact]
    public void Render_LineOverDates_PngOfDefaultSizeWithInk()
    {
        var png = new PlotRenderer().Render(Weekly, new Plot { Kind = Plot.Types.Kind.Line, Title = "Weekly", X = "period", Y = { "cases" }, Series = "state" }).Png;

        PngAssert.Picture(png, 1000, 600);
    }

    [Fact]
    public void Render_BarsBySeriesWithSize_PngOfRequestedSize()
    {
        var png = new PlotRenderer().Render(Weekly, new Plot
        {
            Kind = Plot.Types.Kind.Bar, Title = "Weekly bars", X = "period", Y = { "cases", "cfr" }, Series = "state", Width = 640, Height = 480,
        }).Png;

        PngAssert.Picture(png, 640, 480);
    }

    [Fact]
    public void Render_LineOverStrings_UsesCategoriesAndDrawsEachSeriesColour()
    {
        var table = new ResultTable(
            [new ResultColumn("state", ColumnType.String), new ResultColumn("deaths", ColumnType.Int64)],
            [["NY", 30L], ["CA", 10L], ["NJ", 20L]]);

        var png = new PlotRenderer().Render(table, new Plot { Kind = Plot.Types.Kind.Line, X = "state", Y = { "deaths" }, Width = 400, Height = 300 }).Png;

        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((400, 300), (bitmap.Width, bitmap.Height));
        Assert.Contains(bitmap.Pixels, p => p.Red != p.Green || p.Green != p.Blue); // a coloured line, not just black text
    }
}
