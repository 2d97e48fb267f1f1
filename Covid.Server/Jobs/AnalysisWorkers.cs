using Covid.Server.Progress;
using Microsoft.Extensions.Options;

namespace Covid.Server.Jobs;

/// <summary>
/// <c>Jobs:MaxConcurrent</c> loops, each taking the next queued analysis and running it. On
/// SIGTERM, before the web server stops (the host's stopping phase, so streams are still served),
/// the queue is closed to new submits, the loops take nothing more (queued analyses stay QUEUED for
/// the next start), the running ones get <c>Jobs:ShutdownGracePeriod</c> to finish, those still
/// running then are stopped (they stay RUNNING on disk and run again at the next start), and every
/// progress stream still open ends with UNAVAILABLE, so clients follow again instead of waiting.
/// </summary>
public sealed class AnalysisWorkers(AnalysisQueue queue, AnalysisRunner runner, ProgressHub hub, IOptions<JobOptions> options, ILogger<AnalysisWorkers> logger)
    : BackgroundService, IHostedLifecycleService
{
    private readonly CancellationTokenSource noNewWork = new();
    private readonly CancellationTokenSource interrupt = new();
    private int running;

    /// <summary>
    /// An embedded analysis holds a pool thread while DuckDB runs its query, so the pool keeps one
    /// thread per worker ready beyond its usual minimum: calls and progress are never left waiting
    /// for the pool to grow (it adds a thread about every half second once starved).
    /// </summary>
    private static void ReserveThreads(int workers)
    {
        ThreadPool.GetMinThreads(out var threads, out var io);
        ThreadPool.SetMinThreads(Math.Max(threads, Environment.ProcessorCount + workers), io);
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        queue.Close();
        await noNewWork.CancelAsync();
        var grace = options.Value.ShutdownGracePeriod;
        if (ExecuteTask is { } loops)
        {
            if (await Task.WhenAny(loops, Task.Delay(grace, cancellationToken)) != loops)
            {
                logger.LogWarning("{Count} analyses still running after the shutdown grace period of {Grace}; stopping them (they run again at the next start)",
                    Volatile.Read(ref running), grace);
                await interrupt.CancelAsync();
                await loops.WaitAsync(cancellationToken);
            }
        }
        hub.Close();
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Dispose()
    {
        noNewWork.Dispose();
        interrupt.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, noNewWork.Token);
        var workers = Math.Max(1, options.Value.MaxConcurrent);
        ReserveThreads(workers);
        return Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkAsync(stopping.Token)))
            .ContinueWith(_ => stopping.Dispose(), TaskScheduler.Default);
    }

    private async Task WorkAsync(CancellationToken stopping)
    {
        // Off the start-up path: BackgroundService runs ExecuteAsync synchronously until its first await.
        await Task.Yield();
        while (!stopping.IsCancellationRequested)
        {
            string id;
            try
            {
                id = await queue.DequeueAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            Interlocked.Increment(ref running);
            try
            {
                await runner.RunAsync(id, stopping, interrupt.Token);
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
