namespace Covid.Server.Grpc;

/// <summary>The server's own deadline of one unary call, as <see cref="CallDeadlines"/> set it.</summary>
public sealed class ServerDeadline(TimeSpan limit, string key, CancellationToken clientGone) : IDisposable
{
    private readonly CancellationTokenSource timer = new(limit);

    public TimeSpan Limit { get; } = limit;

    /// <summary>The configuration key of the limit, e.g. <c>Limits:UnaryDeadline</c>.</summary>
    public string Key { get; } = key;

    /// <summary>Fires when the limit has passed.</summary>
    public CancellationToken Token => timer.Token;

    /// <summary>True when the server's deadline, not the client going away, ended the call.</summary>
    public bool Passed => timer.IsCancellationRequested && !clientGone.IsCancellationRequested;

    public void Dispose() => timer.Dispose();
}
