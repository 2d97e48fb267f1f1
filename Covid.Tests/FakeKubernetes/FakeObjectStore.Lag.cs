namespace Covid.Tests.FakeKubernetes;

/// <summary>
/// <see cref="FakeKubeOptions.DependentsLag"/>: the collector reaches a deleted owner's dependents
/// only that long after the owner's deletion began (foreground) or it disappeared (background), so
/// tests can see dependents outlive their owner, as behind a real, busy garbage collector.
/// </summary>
public sealed partial class FakeObjectStore
{
    private readonly Dictionary<string, DateTime> _ownerGoneAt = [];

    /// <summary>Caller holds the lock.</summary>
    private void NoteOwnerGone(string uid)
    {
        if (_options.DependentsLag > TimeSpan.Zero)
        {
            _ownerGoneAt[uid] = DateTime.UtcNow;
        }
    }

    /// <summary>Whether the collector has got round to the dependents of these owners (caller holds the lock).</summary>
    private bool Reached(IEnumerable<string> ownerUids)
    {
        var lag = _options.DependentsLag;
        return lag <= TimeSpan.Zero || ownerUids.All(uid => OwnerDeletedAt(uid) is not { } at || DateTime.UtcNow - at >= lag);
    }

    private DateTime? OwnerDeletedAt(string uid) =>
        _ownerGoneAt.TryGetValue(uid, out var gone) ? gone
        : _objects.Values.FirstOrDefault(o => o.Metadata.Uid == uid)?.Metadata.DeletionTimestamp;

    /// <summary>The earlier of <paramref name="next"/> and the moment the lag of some waiting dependent ends.</summary>
    private DateTime? NextLagDeadline(DateTime? next)
    {
        var lag = _options.DependentsLag;
        if (lag <= TimeSpan.Zero)
        {
            return next;
        }
        lock (_gate)
        {
            var now = DateTime.UtcNow;
            var waiting = _objects.Values
                .SelectMany(o => o.Metadata.OwnerReferences ?? [])
                .Select(r => OwnerDeletedAt(r.Uid))
                .Where(at => at is { } t && t + lag > now)
                .Select(at => at!.Value + lag)
                .DefaultIfEmpty(DateTime.MaxValue)
                .Min();
            return waiting == DateTime.MaxValue ? next : next is { } n && n < waiting ? n : waiting;
        }
    }
}
