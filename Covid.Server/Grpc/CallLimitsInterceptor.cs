using System.Collections.Concurrent;
using Covid.SparkJob.Errors;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;

namespace Covid.Server.Grpc;

/// <summary>
/// Bounds every call: a unary call that outlives the server's deadline (set by
/// <see cref="CallDeadlines"/>) is DEADLINE_EXCEEDED naming the limit, client streams get an idle
/// timeout and a message-size check, and one principal's open streams are counted. Runs after
/// <see cref="CallerInterceptor"/>.
/// </summary>
public sealed class CallLimitsInterceptor(IOptions<CallLimitOptions> options) : Interceptor
{
    private readonly ConcurrentDictionary<string, int> openStreams = new(StringComparer.Ordinal);

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (CallDeadlines.Of(context.GetHttpContext()) is { Passed: true } deadline
            && ex is OperationCanceledException or ServiceException { Code: ErrorCode.Cancelled or ErrorCode.DeadlineExceeded })
        {
            throw new ServiceException(ErrorCode.DeadlineExceeded,
                $"{context.Method} took longer than this server's deadline of {deadline.Limit} ({deadline.Key}) and was stopped");
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        using var stream = OpenStream(context);
        return await continuation(Limited(requestStream), context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        using var stream = OpenStream(context);
        await continuation(request, responseStream, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        using var stream = OpenStream(context);
        await continuation(Limited(requestStream), responseStream, context);
    }

    private LimitedStreamReader<T> Limited<T>(IAsyncStreamReader<T> requestStream) =>
        new(requestStream, options.Value.StreamIdleTimeout, options.Value.MaxMessageBytes);

    /// <summary>Counts a stream of the caller (health watches, which have none, are not counted).</summary>
    private Counted? OpenStream(ServerCallContext context)
    {
        if (!context.UserState.ContainsKey(CallerContext.Key))
        {
            return null;
        }
        var principal = context.Caller().Principal;
        var limit = options.Value.MaxStreamsPerPrincipal;
        if (openStreams.AddOrUpdate(principal, 1, (_, n) => n + 1) > limit)
        {
            openStreams.AddOrUpdate(principal, 0, (_, n) => n - 1);
            throw ServiceException.ResourceExhausted(
                $"{principal} already has {limit} streams open, the most one principal may have (Limits:MaxStreamsPerPrincipal); close one first");
        }
        return new Counted(() => openStreams.AddOrUpdate(principal, 0, (_, n) => n - 1));
    }

    private sealed class Counted(Action release) : IDisposable
    {
        public void Dispose() => release();
    }
}
