using Microsoft.Extensions.Options;

namespace Covid.Server.Jobs;

/// <summary><c>Jobs:MaxConcurrent</c> loops, each taking the next queued analysis and running it.</summary>
public sealed class AnalysisWorkers(AnalysisQueue queue, AnalysisRunner runner, IOptions<JobOptions> options, ILogger<AnalysisWorkers> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Math.Max(1, options.Value.MaxConcurrent);
        ReserveThreads(workers);
        return Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkAsync(stoppingToken)));
    }

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
            try
            {
                await runner.RunAsync(id, stoppingToken);
            }
            catch (Exception ex)
            {
                // The runner records failures itself; reaching here is a bug, and must not stop the worker.
                logger.LogError(ex, "Worker failed on analysis {Id}", id);
            }
        }
    }
}
