namespace Covid.Tests.FakeKubernetes;

/// <summary>
/// One change in the fake's history: what a watch would stream. <see cref="OldLabels"/> lets a
/// label-filtered watch turn a MODIFIED into ADDED/DELETED when an object enters or leaves the selection,
/// as the real API server does.
/// </summary>
internal sealed record StoreEvent(
    long ResourceVersion,
    string Type,
    ResourceKind Kind,
    string Namespace,
    string Name,
    string Json,
    IDictionary<string, string>? Labels,
    IDictionary<string, string>? OldLabels)
{
    /// <summary>A BOOKMARK carries only the kind and the resourceVersion the watcher has reached.</summary>
    public static StoreEvent Bookmark(ResourceKind kind, long rv) => new(
        rv, "BOOKMARK", kind, "", "",
        $"{{\"kind\":\"{kind.Kind}\",\"apiVersion\":\"v1\",\"metadata\":{{\"resourceVersion\":\"{rv}\"}}}}",
        null, null);
}
