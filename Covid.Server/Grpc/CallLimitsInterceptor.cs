using System.Collections.Concurrent;
using Covid.SparkJob.Errors;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;

namespace Covid.Server.Grpc;

/// <summary>
/// Bounds every call: unary calls get a server-side deadline, client streams an idle timeout, and
/// one principal's open streams are counted. Runs after <see cref="CallerInterceptor"/>.
/// </summary>
public sealed class CallLimitsInterceptor(IOptions<CallLimitOptions> options) : Interceptor
{
    private const string ImportMethod = "/covid.v1.DatasetService/ImportDataset";
    private const string HttpContextKey = "__HttpContext";

    private readonly ConcurrentDictionary<string, int> openStreams = new(StringComparer.Ordinal);

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var (limit, key) = context.Method == ImportMethod
            ? (options.Value.ImportDeadline, nameof(CallLimitOptions.ImportDeadline))
            : (options.Value.UnaryDeadline, nameof(CallLimitOptions.UnaryDeadline));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        deadline.CancelAfter(limit);
        // grpc-dotnet finds the HttpContext of a wrapped context here (it resolves the service with it).
        context.UserState[HttpContextKey] = context.GetHttpContext();
        try
        {
            return await continuation(request, new DeadlineCallContext(context, deadline.Token, DateTime.UtcNow + limit));
        }
        catch (Exception ex) when (deadline.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested
            && ex is OperationCanceledException or ServiceException { Code: ErrorCode.Cancelled or ErrorCode.DeadlineExceeded })
        {
            throw new ServiceException(ErrorCode.DeadlineExceeded,
                $"{context.Method} took longer than this server's deadline of {limit} (Limits:{key}); nothing it was doing was kept");
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        using var stream = OpenStream(context);
        return await continuation(new IdleTimeoutStreamReader<TRequest>(requestStream, options.Value.StreamIdleTimeout), context);
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
        await continuation(new IdleTimeoutStreamReader<TRequest>(requestStream, options.Value.StreamIdleTimeout), responseStream, context);
    }

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
