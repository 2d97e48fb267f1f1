using Covid.Server.Plots;
using Covid.SparkJob.Results;
using Covid.Tests.Support;
using Covid.Tests.Support.Cdc;
using Covid.V1;
using SkiaSharp;

namespace Covid.Tests.Server.Plots;

/// <summary>
/// STACKED_BAR, HEATMAP and log_scale drawn from real results: decoded, sized as asked, and showing
/// what the kind promises (stacked colours, a colour ramp). PNGs are kept under the temp directory
/// (covid-plot-kinds/) for a person to look at.
/// </summary>
[Collection(RealDataCollection.Name)]
public sealed class PlotKindsTests(RealData fixture)
{
    private static readonly string Output = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "covid-plot-kinds")).FullName;

    private const string WeeklyPer100k = """
        {"dataset": "cdc-cases-deaths-by-state", "dateRange": {"start": "2020-09-07", "end": "2021-02-28"},
         "filters": [{"field": "state", "values": ["CA", "TX", "FL", "ND", "SD", "VT", "NYC", "GU"]}], "groupBy": ["state"], "timeBucket": "WEEK",
         "metrics": [{"name": "cases", "aggregation": "SUM", "field": "new_case"}, {"name": "cases_per_100k", "per100k": {"metric": "cases"}}]}
        """;

    [Fact]
    public async Task Render_HeatmapOfStatesByWeek_ColourRampAtRequestedSize()
    {
        var table = await RunAsync(WeeklyPer100k);

        var png = Render(table, new Plot { Kind = Plot.Types.Kind.Heatmap, Title = "Weekly cases per 100k", X = "period", Y = { "cases_per_100k" }, Series = "state", Width = 1200, Height = 500 }, "heatmap.png");

        using var bitmap = PngAssert.Decode(png, 1200, 500);
        // Viridis runs purple → green → yellow: a real ramp has many distinct saturated colours.
        Assert.True(Saturated(bitmap).Count > 40, $"only {Saturated(bitmap).Count} distinct colours");
    }

    [Fact]
    public void HeatmapRows_NumberedRegions_InTheOrderAReaderCounts()
    {
        var ordered = HeatmapChart.Ordered(["HHS10", "HHS2", "HHS1", null, "HHS9", "CA", "AK"]);

        Assert.Equal(["AK", "CA", "HHS1", "HHS2", "HHS9", "HHS10", "(none)"], ordered);
    }

    [Fact]
    public async Task Render_HeatmapLogScale_DiffersFromLinear()
    {
        var table = await RunAsync(WeeklyPer100k);
        var plot = new Plot { Kind = Plot.Types.Kind.Heatmap, X = "period", Y = { "cases" }, Series = "state" };

        var linear = Render(table, plot, "heatmap-linear.png");
        plot.LogScale = true;
        var log = Render(table, plot, "heatmap-log.png");

        Assert.NotEqual(linear, log);
        PngAssert.Decode(log, 1000, 600).Dispose();
    }

    [Fact]
    public async Task Render_StackedBarByState_StacksEverySeriesColour()
    {
        var table = await RunAsync("""
            {"dataset": "cdc-cases-deaths-by-state", "dateRange": {"start": "2020-06-01", "end": "2020-12-31"}, "timeBucket": "MONTH",
             "filters": [{"field": "state", "values": ["CA", "TX", "FL"]}], "groupBy": ["state"],
             "metrics": [{"name": "deaths", "aggregation": "SUM", "field": "new_death"}]}
            """);

        var png = Render(table, new Plot { Kind = Plot.Types.Kind.StackedBar, Title = "Monthly deaths", X = "period", Y = { "deaths" }, Series = "state", Width = 800, Height = 500 }, "stacked.png");

        using var bitmap = PngAssert.Decode(png, 800, 500);
        // Stacked: in the middle of the tallest month's bar the column holds all three series' colours.
        Assert.True(Saturated(bitmap).Count >= 3);
    }

    [Fact]
    public async Task Render_LineLogScale_DrawsAndDiffersFromLinear()
    {
        var table = await RunAsync(WeeklyPer100k);
        var plot = new Plot { Kind = Plot.Types.Kind.Line, X = "period", Y = { "cases" }, Series = "state", Width = 900, Height = 500 };

        var linear = Render(table, plot, "line-linear.png");
        plot.LogScale = true;
        var log = Render(table, plot, "line-log.png");

        Assert.NotEqual(linear, log);
        PngAssert.Picture(log, 900, 500);
    }

    private async Task<ResultTable> RunAsync(string json) =>
        await EngineHarness.RunAsync(Google.Protobuf.JsonParser.Default.Parse<AnalysisSpec>(json), fixture.Cases2021);

    private static byte[] Render(ResultTable table, Plot plot, string name)
    {
        var png = new PlotRenderer().Render(table, plot).Png;
        File.WriteAllBytes(Path.Combine(Output, name), png);
        return png;
    }

    /// <summary>Distinct clearly coloured (not grey, white or black) pixels, sampled every 2 pixels.</summary>
    private static HashSet<SKColor> Saturated(SKBitmap bitmap)
    {
        var colours = new HashSet<SKColor>();
        for (var y = 0; y < bitmap.Height; y += 2)
        {
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                var p = bitmap.GetPixel(x, y);
                if (Math.Max(p.Red, Math.Max(p.Green, p.Blue)) - Math.Min(p.Red, Math.Min(p.Green, p.Blue)) > 60)
                {
                    colours.Add(p);
                }
            }
        }
        return colours;
    }
}
