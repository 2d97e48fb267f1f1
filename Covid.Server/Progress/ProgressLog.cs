using System.Threading.Channels;
using Covid.V1;

namespace Covid.Server.Progress;

/// <summary>
/// One analysis' events in order plus its live subscribers. Appending and subscribing take the
/// same lock, so a subscriber sees every event exactly once: either in its backlog snapshot or
/// through its channel, never in neither.
/// </summary>
internal sealed class ProgressLog(IEnumerable<ProgressEvent> restored)
{
    private readonly Lock gate = new();
    private readonly List<ProgressEvent> events = [.. restored];
    private readonly List<Channel<ProgressEvent>> subscribers = [];

    public bool IsFinished => Last is { Stage: ProgressEvent.Types.Stage.Finished };

    public ProgressEvent? Last
    {
        get
        {
            lock (gate)
            {
                return events.Count == 0 ? null : events[^1];
            }
        }
    }

    /// <summary>Numbers the event, persists it (before anyone can see it), then fans it out.</summary>
    public ProgressEvent Append(ProgressEvent draft, Action<ProgressEvent> persist)
    {
        lock (gate)
        {
            var next = draft.Clone();
            next.Sequence = events.Count == 0 ? 1 : events[^1].Sequence + 1;
            persist(next);
            events.Add(next);
            var terminal = next.Stage == ProgressEvent.Types.Stage.Finished;
            foreach (var subscriber in subscribers)
            {
                subscriber.Writer.TryWrite(next);
                if (terminal)
                {
                    subscriber.Writer.TryComplete();
                }
            }
            if (terminal)
            {
                subscribers.Clear();
            }
            return next;
        }
    }

    /// <summary>The events after <paramref name="afterSequence"/>, and a channel for the rest (null once finished).</summary>
    public (IReadOnlyList<ProgressEvent> Backlog, Channel<ProgressEvent>? Live) Subscribe(long afterSequence)
    {
        lock (gate)
        {
            var backlog = events.Where(e => e.Sequence > afterSequence).ToList();
            if (events.Count > 0 && events[^1].Stage == ProgressEvent.Types.Stage.Finished)
            {
                return (backlog, null);
            }
            var channel = Channel.CreateUnbounded<ProgressEvent>(new UnboundedChannelOptions { SingleReader = true });
            subscribers.Add(channel);
            return (backlog, channel);
        }
    }

    public void Unsubscribe(Channel<ProgressEvent> channel)
    {
        lock (gate)
        {
            subscribers.Remove(channel);
        }
    }
}
