using Covid.Server.Progress;
using Microsoft.Extensions.Options;

namespace Covid.Server.Jobs;

/// <summary>
/// Deletes finished analyses <c>Jobs:RetainFinished</c> after they ended, with their folder
/// (analysis, events, result, chart), as long-running operations expire: now and then, and once
/// soon after the history is loaded at start. The finished log is rewritten without them, so start-up stays quick.
/// </summary>
public sealed class AnalysisExpiry(
    AnalysisIndex index, AnalysisHistory history, AnalysisStore store, FinishedLog finishedLog, ProgressHub hub, ResultCache results,
    IOptions<JobOptions> options, TimeProvider time, ILogger<AnalysisExpiry> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retain = options.Value.RetainFinished;
        // Often enough that nothing outlives its time by more than a quarter of it; at most hourly.
        var every = TimeSpan.FromTicks(Math.Clamp(retain.Ticks / 4, TimeSpan.TicksPerSecond, TimeSpan.TicksPerHour));
        try
        {
            // Off the start-up path, and only once the finished history is known (a sweep would wait for it).
            await history.Loaded.WaitAsync(stoppingToken);
            while (true)
            {
                Sweep();
                await Task.Delay(every, time, stoppingToken);
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested || history.Loaded.IsFaulted)
        {
            // Stopping, or the history could not be loaded (the server stops then: see AnalysisRecovery).
        }
    }

    /// <summary>Removes what has expired (once the history is loaded: it waits for it); returns how many.</summary>
    public int Sweep()
    {
        history.Wait();
        return Expire();
    }

    /// <summary>
    /// As <see cref="Sweep"/>, without waiting: the history load calls it before it says the
    /// history is loaded, so no call ever sees an analysis whose time has passed.
    /// </summary>
    public int Expire()
    {
        var cutoff = (time.GetUtcNow() - options.Value.RetainFinished).UtcTicks;
        var expired = index.EndedBefore(cutoff);
        foreach (var id in expired)
        {
            // Out of the index first: from here on it answers NOT_FOUND, then its files go.
            index.Remove(id);
            hub.Forget(id);
            results.Remove(id);
            store.Discard(id);
        }
        if (expired.Count > 0)
        {
            finishedLog.Rewrite(index.FinishedLines());
            logger.LogInformation("Deleted {Count} analyses finished more than {Retain} ago (Jobs:RetainFinished)", expired.Count, options.Value.RetainFinished);
        }
        return expired.Count;
    }
}
