using Grpc.Core;

namespace Covid.Server.Grpc;

/// <summary>The call's own context, with a cancellation token that also fires at the server's deadline.</summary>
internal sealed class DeadlineCallContext(ServerCallContext inner, CancellationToken token, DateTime deadline) : ServerCallContext
{
    protected override string MethodCore => inner.Method;
    protected override string HostCore => inner.Host;
    protected override string PeerCore => inner.Peer;
    protected override DateTime DeadlineCore => deadline < inner.Deadline ? deadline : inner.Deadline;
    protected override Metadata RequestHeadersCore => inner.RequestHeaders;
    protected override CancellationToken CancellationTokenCore => token;
    protected override Metadata ResponseTrailersCore => inner.ResponseTrailers;
    protected override AuthContext AuthContextCore => inner.AuthContext;
    protected override IDictionary<object, object> UserStateCore => inner.UserState;

    protected override Status StatusCore
    {
        get => inner.Status;
        set => inner.Status = value;
    }

    protected override WriteOptions? WriteOptionsCore
    {
        get => inner.WriteOptions;
        set => inner.WriteOptions = value;
    }

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => inner.CreatePropagationToken(options);

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => inner.WriteResponseHeadersAsync(responseHeaders);
}
