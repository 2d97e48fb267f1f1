using Covid.SparkJob.Datasets;
using Covid.SparkJob.Validation;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Covid.Server.Grpc;

/// <summary>
/// Turns the analysis library's exceptions into gRPC statuses for every service, so services and
/// business code can let them propagate: invalid specs and malformed dataset files become
/// INVALID_ARGUMENT with field violations.
/// </summary>
public sealed class ErrorMappingInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (Map(ex) is { } mapped)
        {
            throw mapped;
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception ex) when (Map(ex) is { } mapped)
        {
            throw mapped;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (Map(ex) is { } mapped)
        {
            throw mapped;
        }
    }

    public static RpcException? Map(Exception exception) => exception switch
    {
        SpecValidationException invalid => RpcErrors.BadRequest("invalid analysis spec: " + invalid.Message, invalid.Violations),
        DatasetFormatException format => RpcErrors.BadRequest(
            "the file does not match its schema: " + format.Message, [new FieldViolation("chunk", format.Message)]),
        _ => null,
    };
}
