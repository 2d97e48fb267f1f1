using System.Threading.Channels;
using Covid.SparkJob.Errors;
using Microsoft.Extensions.Options;

namespace Covid.Server.Jobs;

/// <summary>
/// Analyses waiting for a worker, first in first out. Bounded by <c>Jobs:QueueLimit</c> at submit
/// only: analyses recovered at start are always queued again, whatever the limit.
/// </summary>
public sealed class AnalysisQueue(IOptions<JobOptions> options)
{
    private readonly Channel<string> channel = Channel.CreateUnbounded<string>();
    private readonly HashSet<string> pending = [];
    private readonly Lock gate = new();
    private volatile bool closed;

    public int Count
    {
        get
        {
            lock (gate)
            {
                return pending.Count;
            }
        }
    }

    /// <summary>The server is shutting down: submits are refused from now on (queued analyses stay queued on disk).</summary>
    public void Close() => closed = true;

    /// <summary>
    /// Throws RESOURCE_EXHAUSTED when a submitted analysis would not fit beside those waiting and the
    /// <paramref name="arriving"/> ones not yet enqueued, UNAVAILABLE once the server is shutting down.
    /// </summary>
    public void EnsureCapacity(int arriving)
    {
        if (closed)
        {
            throw new ServiceException(ErrorCode.Unavailable, "the server is shutting down and takes no new analyses; submit again once it is back");
        }
        var limit = options.Value.QueueLimit;
        if (Count + arriving >= limit)
        {
            throw ServiceException.ResourceExhausted($"the queue is full ({limit} analyses waiting); try again when some have finished");
        }
    }

    public void Enqueue(string id)
    {
        lock (gate)
        {
            if (pending.Add(id))
            {
                channel.Writer.TryWrite(id);
            }
        }
    }

    /// <summary>Queues an analysis again after <paramref name="delay"/> (it could not start: the disk was full), unless the server stops first.</summary>
    public void EnqueueLater(string id, TimeSpan delay, CancellationToken stopping) =>
        _ = Task.Delay(delay, stopping).ContinueWith(t =>
        {
            if (!t.IsCanceled)
            {
                Enqueue(id);
            }
        }, TaskScheduler.Default);

    /// <summary>Takes a queued analysis out (it was cancelled); false if a worker already took it.</summary>
    public bool Remove(string id)
    {
        lock (gate)
        {
            return pending.Remove(id);
        }
    }

    /// <summary>The next analysis to run, skipping those removed while they waited.</summary>
    public async ValueTask<string> DequeueAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var id = await channel.Reader.ReadAsync(cancellationToken);
            lock (gate)
            {
                if (pending.Remove(id))
                {
                    return id;
                }
            }
        }
    }
}
