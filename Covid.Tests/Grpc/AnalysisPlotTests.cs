using Covid.Tests.Support;
using Covid.V1;
using SkiaSharp;

namespace Covid.Tests.Grpc;

/// <summary>
/// Charts through the real server: drawn once, kept in memory, never written beside the result;
/// after a restart drawn again the same, and a plot.png left by an earlier version served as it is.
/// </summary>
public sealed class AnalysisPlotTests
{
    [Fact]
    public async Task GetPlot_AgainAndAfterRestart_TheSamePngAndNoPlotFile()
    {
        var ct = Timeouts.Token();
        var host = await ServerHost.StartAsync();
        try
        {
            var name = await RunAsync(host, ct);
            var (first, png) = await ServerCalls.PlotAsync(host.Analyses, name, ct);
            var (_, again) = await ServerCalls.PlotAsync(host.Analyses, name, ct);

            Assert.Equal(("image/png", 1000, 600), (first.ContentType, first.Width, first.Height));
            PngAssert.Picture(png, 1000, 600);
            Assert.Equal(png, again);
            Assert.False(File.Exists(PlotFile(host, name)));

            host = await host.RestartAsync();
            var (_, redrawn) = await ServerCalls.PlotAsync(host.Analyses, name, ct);

            Assert.Equal(png, redrawn);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task GetPlot_PlotFileOfAnEarlierVersion_ServedAsStored()
    {
        var ct = Timeouts.Token();
        var host = await ServerHost.StartAsync();
        try
        {
            var name = await RunAsync(host, ct);
            host = await host.RestartAsync();
            using (var bitmap = new SKBitmap(30, 20))
            {
                bitmap.Erase(SKColors.Red);
                using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
                await File.WriteAllBytesAsync(PlotFile(host, name), data.ToArray(), ct);
            }

            var (_, png) = await ServerCalls.PlotAsync(host.Analyses, name, ct);

            Assert.Equal(await File.ReadAllBytesAsync(PlotFile(host, name), ct), png);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static async Task<string> RunAsync(ServerHost host, CancellationToken ct)
    {
        var submitted = await host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample() }, cancellationToken: ct);
        await ServerCalls.StreamAsync(host.Analyses, submitted.Name, ct);
        return submitted.Name;
    }

    private static string PlotFile(ServerHost host, string name) =>
        Path.Combine(host.DataDirectory, "analyses", name["analyses/".Length..], "plot.png");
}
