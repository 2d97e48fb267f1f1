using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Covid.Server.Grpc;

/// <summary>
/// The one place failures become gRPC statuses, for every call of every service: business code
/// throws the core's <c>ServiceException</c> and lets it propagate; <see cref="StatusMapping"/>
/// decides the status.
/// </summary>
public sealed class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    private RpcException Map(Exception exception, ServerCallContext context)
    {
        var mapped = StatusMapping.ToRpcException(exception, context.CancellationToken.IsCancellationRequested, out var unexpected);
        if (unexpected)
        {
            // The client gets only the correlation id; the log has the whole exception under it.
            logger.LogError(exception, "Unexpected failure in {Method} (correlation id {CorrelationId})", context.Method, mapped.Trailers.GetValue(StatusMapping.CorrelationIdTrailer));
        }
        return mapped;
    }
}
