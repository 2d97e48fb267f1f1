using Covid.Cli.Progress;

namespace Covid.Cli.Commands;

/// <summary>Waits for an analysis to end while showing its progress; on Ctrl+C it cancels the analysis on the server too.</summary>
internal static class AnalysisWaiter
{
    // Under System.CommandLine's 2 s grace period after Ctrl+C, so the cancel gets out before the process ends.
    private static readonly TimeSpan CancelTimeout = TimeSpan.FromSeconds(1.5);

    public static async Task<AnalysisInfo> WaitAsync(CliConsole console, CovidClient client, string name, CancellationToken ct)
    {
        try
        {
            return await ProgressDisplay.RunAsync(console, name, report => FollowToEndAsync(client, name, report, ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await CancelQuietlyAsync(console.Error, client, name);
            throw;
        }
    }

    private static async Task<AnalysisInfo> FollowToEndAsync(CovidClient client, string name, Action<ProgressUpdate> report, CancellationToken ct)
    {
        long after = 0;
        while (true)
        {
            var last = await ProgressFollower.FollowAsync(client, name, after, report, ct);
            after = last?.Sequence ?? after;
            var info = await client.GetAsync(name, ct);
            if (info.State.IsTerminal())
            {
                return info;
            }

            // The stream ended early (say, the server is restarting); resume after what we saw.
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }
    }

    /// <summary>Cancels whatever analysis a submission with <paramref name="requestId"/> created, if any.</summary>
    public static async Task CancelSubmissionAsync(TextWriter error, CovidClient client, string specJson, string requestId)
    {
        using var timeout = new CancellationTokenSource(CancelTimeout);
        try
        {
            var info = await client.SubmitAsync(specJson, requestId, timeout.Token);
            info = await client.CancelAsync(info.Name, timeout.Token);
            error.WriteLine($"cancelled {info.Name}");
        }
        catch (Exception e) when (e is CovidException or OperationCanceledException)
        {
            error.WriteLine($"covid: could not cancel the analysis submitted with request id {requestId}: {e.Message}");
        }
    }

    private static async Task CancelQuietlyAsync(TextWriter error, CovidClient client, string name)
    {
        using var timeout = new CancellationTokenSource(CancelTimeout);
        try
        {
            var info = await client.CancelAsync(name, timeout.Token);
            error.WriteLine($"cancelled {info.Name}");
        }
        catch (Exception e) when (e is CovidException or OperationCanceledException)
        {
            error.WriteLine($"covid: could not cancel {name}: {e.Message}");
        }
    }
}
