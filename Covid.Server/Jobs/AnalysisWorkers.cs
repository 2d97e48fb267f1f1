using Covid.Server.Progress;
using Microsoft.Extensions.Options;

namespace Covid.Server.Jobs;

/// <summary>
/// <c>Jobs:MaxConcurrent</c> loops, each taking the next queued analysis and running it. On
/// SIGTERM they take nothing more (queued analyses stay QUEUED for the next start), give the
/// running ones <c>Jobs:ShutdownGracePeriod</c> to finish, stop those still running then (they
/// stay RUNNING on disk and run again at the next start), and end every progress stream still
/// open with UNAVAILABLE, so clients know to follow again rather than waiting on a closing server.
/// </summary>
public sealed class AnalysisWorkers(AnalysisQueue queue, AnalysisRunner runner, ProgressHub hub, IOptions<JobOptions> options, ILogger<AnalysisWorkers> logger)
    : BackgroundService
{
    private readonly CancellationTokenSource interrupt = new();
    private int running;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Cancels the loops' token (nothing new is taken) and waits for the runs in flight.
        var drained = base.StopAsync(cancellationToken);
        var grace = options.Value.ShutdownGracePeriod;
        if (await Task.WhenAny(drained, Task.Delay(grace, cancellationToken)) != drained)
        {
            logger.LogWarning("{Count} analyses still running after the shutdown grace period of {Grace}; stopping them (they run again at the next start)",
                Volatile.Read(ref running), grace);
            await interrupt.CancelAsync();
            await drained;
        }
        hub.Close();
    }

    public override void Dispose()
    {
        interrupt.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.MaxConcurrent)).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: BackgroundService runs ExecuteAsync synchronously until its first await.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            string id;
            try
            {
                id = await queue.DequeueAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            Interlocked.Increment(ref running);
            try
            {
                await runner.RunAsync(id, stoppingToken, interrupt.Token);
            }
            catch (Exception ex)
            {
                // The runner records failures itself; reaching here is a bug, and must not stop the worker.
                logger.LogError(ex, "Worker failed on analysis {Id}", id);
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        }
    }
}
