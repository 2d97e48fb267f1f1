using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Covid.SparkJob.Errors;
using Covid.V1;
using Google.Protobuf.WellKnownTypes;

namespace Covid.Server.Progress;

/// <summary>
/// The numbered progress events of every analysis: persisted to events.jsonl as they happen,
/// kept in memory for replay, and fanned out live to any number of StreamProgress callers.
/// </summary>
public sealed class ProgressHub(ProgressJournal journal)
{
    private readonly ConcurrentDictionary<string, ProgressLog> logs = new();
    private readonly CancellationTokenSource closing = new();

    /// <summary>Reads an analysis' events back from disk at start; returns them in order.</summary>
    public IReadOnlyList<ProgressEvent> Restore(string id)
    {
        var events = journal.Load(id);
        logs[id] = new ProgressLog(events);
        return events;
    }

    /// <summary>Records the next event of an analysis; its sequence and time are filled in here.</summary>
    public ProgressEvent Publish(string id, ProgressEvent draft)
    {
        var log = logs.GetOrAdd(id, static _ => new ProgressLog([]));
        var stamped = draft.Clone();
        stamped.Time = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
        return log.Append(stamped, e => journal.Append(id, e));
    }

    /// <summary>Drops an analysis' events from memory (it expired).</summary>
    public void Forget(string id)
    {
        logs.TryRemove(id, out _);
        journal.Close(id);
    }

    public ProgressEvent? Latest(string id) => logs.TryGetValue(id, out var log) ? log.Last : null;

    /// <summary>
    /// The server is shutting down: every stream still following live ends with UNAVAILABLE (and
    /// so does any started from now on, once its backlog is sent).
    /// </summary>
    public void Close() => closing.Cancel();

    /// <summary>
    /// Events after <paramref name="afterSequence"/>, then live ones, ending after the terminal
    /// (FINISHED) event. Subscribing happens before the backlog is read, and sequences are
    /// deduplicated, so nothing between replay and live is lost or repeated.
    /// </summary>
    public async IAsyncEnumerable<ProgressEvent> Follow(
        string id, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var log = logs.GetOrAdd(id, static _ => new ProgressLog([]));
        var (backlog, live) = log.Subscribe(afterSequence);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, closing.Token);
        try
        {
            var last = afterSequence;
            foreach (var e in backlog)
            {
                last = e.Sequence;
                yield return e;
                if (e.Stage == ProgressEvent.Types.Stage.Finished)
                {
                    yield break;
                }
            }
            if (live is null)
            {
                yield break;
            }
            while (await WaitAsync(live, last, linked.Token, cancellationToken))
            {
                while (live.Reader.TryRead(out var e))
                {
                    if (e.Sequence <= last)
                    {
                        continue;
                    }
                    last = e.Sequence;
                    yield return e;
                    if (e.Stage == ProgressEvent.Types.Stage.Finished)
                    {
                        yield break;
                    }
                }
            }
        }
        finally
        {
            if (live is not null)
            {
                log.Unsubscribe(live);
            }
        }
    }

    private async Task<bool> WaitAsync(Channel<ProgressEvent> live, long last, CancellationToken linked, CancellationToken caller)
    {
        try
        {
            return await live.Reader.WaitToReadAsync(linked);
        }
        catch (OperationCanceledException) when (closing.IsCancellationRequested && !caller.IsCancellationRequested)
        {
            throw new ServiceException(ErrorCode.Unavailable,
                $"the server is shutting down; follow again with after_sequence {last} once it is back (the analysis keeps its place)");
        }
    }
}
