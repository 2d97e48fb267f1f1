using System.Threading.Channels;

namespace Covid.Tests.FakeKubernetes;

/// <summary>
/// One open watch: the events it wants (kind, namespace or all, optional name) arrive on
/// <see cref="Events"/>. HTTP watches are ended by <see cref="FakeKubeApiServer.DropWatches"/>;
/// internal ones (the kubelet's) are not.
/// </summary>
internal sealed class WatchSubscription
{
    private readonly Channel<StoreEvent> _channel = Channel.CreateUnbounded<StoreEvent>(new UnboundedChannelOptions { SingleReader = true });

    public WatchSubscription(ResourceKind kind, string? ns, string? name, bool bookmarks, bool isInternal)
    {
        Kind = kind;
        Namespace = ns;
        Name = name;
        Bookmarks = bookmarks;
        IsInternal = isInternal;
    }

    public ResourceKind Kind { get; }

    public string? Namespace { get; }

    public string? Name { get; }

    public bool Bookmarks { get; }

    public bool IsInternal { get; }

    /// <summary>Set when the drop should look like a broken connection rather than a clean close.</summary>
    public bool Aborted { get; private set; }

    public ChannelReader<StoreEvent> Events => _channel.Reader;

    public bool Wants(StoreEvent e) =>
        e.Kind == Kind && (Namespace is null || Namespace == e.Namespace) && (Name is null || Name == e.Name);

    public void Push(StoreEvent e) => _channel.Writer.TryWrite(e);

    public void Close(bool abort)
    {
        Aborted = abort;
        _channel.Writer.TryComplete();
    }
}
