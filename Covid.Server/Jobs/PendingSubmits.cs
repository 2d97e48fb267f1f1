namespace Covid.Server.Jobs;

/// <summary>
/// Submits that passed their checks and are saving their QUEUED state, before their analysis is in
/// the index. They count against the owner's quota and the queue's capacity and hold their
/// request_id, so the durable save (an fsync, milliseconds) runs outside the submit lock without
/// letting concurrent submits past a limit or a retry make a second analysis.
/// Not thread-safe: used under <see cref="AnalysisManager"/>'s submit lock only.
/// </summary>
internal sealed class PendingSubmits
{
    private readonly Dictionary<string, int> perOwner = new(StringComparer.Ordinal);
    private readonly HashSet<(string Owner, string RequestId)> requestIds = [];

    /// <summary>Submits saving now, of every owner.</summary>
    public int Total { get; private set; }

    public int Of(string owner) => perOwner.GetValueOrDefault(owner);

    /// <summary>True while a submit with this request_id is saving (an empty request_id is never held).</summary>
    public bool Holds(string owner, string requestId) => requestId.Length > 0 && requestIds.Contains((owner, requestId));

    public void Add(string owner, string requestId)
    {
        perOwner[owner] = Of(owner) + 1;
        Total++;
        if (requestId.Length > 0)
        {
            requestIds.Add((owner, requestId));
        }
    }

    public void Remove(string owner, string requestId)
    {
        var left = Of(owner) - 1;
        if (left == 0)
        {
            perOwner.Remove(owner);
        }
        else
        {
            perOwner[owner] = left;
        }
        Total--;
        requestIds.Remove((owner, requestId));
    }
}
