using Covid.V1;
using Grpc.Core;

namespace Covid.Tests.Support.OtherClients;

/// <summary>What a client that is not ours must have done: followed an analysis to its end, every event once, and saved its chart.</summary>
internal static class ForeignRun
{
    /// <summary>The example spec, whose chart is 1000 × 600.</summary>
    public static string Spec => Path.Combine(CdcFiles.RepoRoot, "deploy", "examples", "weekly-cases-by-state.json");

    public static async Task AssertFinishedAsync(ServerHost host, string name, int eventsSeen, string png)
    {
        var analysis = await host.Analyses.GetAnalysisAsync(new GetAnalysisRequest { Name = name }, cancellationToken: Timeouts.Token());
        Assert.Equal(Analysis.Types.State.Succeeded, analysis.State);
        var recorded = 0;
        using (var stream = host.Analyses.StreamProgress(new StreamProgressRequest { Name = name }, cancellationToken: Timeouts.Token()))
        {
            await foreach (var _ in stream.ResponseStream.ReadAllAsync())
            {
                recorded++;
            }
        }
        Assert.True(recorded >= 3, $"only {recorded} events recorded");
        Assert.Equal(recorded, eventsSeen);
        PngAssert.Picture(await File.ReadAllBytesAsync(png), 1000, 600);
    }
}
