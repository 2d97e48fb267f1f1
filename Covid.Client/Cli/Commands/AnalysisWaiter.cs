using Covid.Cli.Display;

namespace Covid.Cli.Commands;

/// <summary>Waits for an analysis to end while showing its progress; on Ctrl+C it cancels the analysis on the server too.</summary>
internal static class AnalysisWaiter
{
    // Under System.CommandLine's 2 s grace period after Ctrl+C, so the cancel gets out before the process ends.
    private static readonly TimeSpan CancelTimeout = TimeSpan.FromSeconds(1.5);

    public static async Task<AnalysisInfo> WaitAsync(CliConsole console, AnalysisHandle analysis, CancellationToken ct)
    {
        try
        {
            return await ProgressDisplay.RunAsync(console, analysis.Name, async report =>
            {
                // The handle resumes the stream across dropped connections and server restarts.
                await foreach (var step in analysis.ProgressAsync(cancellationToken: ct))
                {
                    report(step);
                }
                return await analysis.GetAsync(ct);
            });
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await CancelQuietlyAsync(console.Error, () => analysis.CancelAsync(Timeout()));
            throw;
        }
    }

    /// <summary>Cancels whatever analysis a submission with <paramref name="requestId"/> created, if any.</summary>
    public static Task CancelSubmissionAsync(TextWriter error, CovidClient client, AnalysisSpec spec, string requestId) =>
        CancelQuietlyAsync(error, async () =>
        {
            using var timeout = new CancellationTokenSource(CancelTimeout);
            var analysis = await client.SubmitAsync(spec, requestId, cancellationToken: timeout.Token);
            return await analysis.CancelAsync(timeout.Token);
        }, $"the analysis submitted with request id {requestId}");

    private static CancellationToken Timeout() => new CancellationTokenSource(CancelTimeout).Token;

    private static async Task CancelQuietlyAsync(TextWriter error, Func<Task<AnalysisInfo>> cancel, string? what = null)
    {
        try
        {
            var info = await cancel();
            error.WriteLine($"cancelled {info.Name}");
        }
        catch (Exception e) when (e is CovidException or OperationCanceledException)
        {
            error.WriteLine($"covid: could not cancel {what ?? "the analysis"}: {e.Message}");
        }
    }
}
