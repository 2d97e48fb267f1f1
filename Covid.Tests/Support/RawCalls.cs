using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Covid.Tests.Support;

/// <summary>Every gRPC method a running server maps, called with raw bytes, so tests can cover RPCs nobody listed by hand.</summary>
public static class RawCalls
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    public static IReadOnlyList<IMethod> MappedMethods(ServerHost host) =>
        host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method)
            .OfType<IMethod>()
            .Where(m => !m.ServiceName.Contains('{') && !m.Name.Contains('{'))
            .DistinctBy(m => m.FullName)
            .ToList();

    /// <summary>Calls <paramref name="method"/> with an empty message and returns the status it ends with.</summary>
    public static Task<Status> CallAsync(CallInvoker invoker, IMethod method, CancellationToken ct) => CallAsync(invoker, method, [], ct);

    /// <summary>Calls <paramref name="method"/> with <paramref name="message"/> as its (first) message, whatever bytes they are.</summary>
    public static async Task<Status> CallAsync(CallInvoker invoker, IMethod method, byte[] message, CancellationToken ct)
    {
        var raw = new Method<byte[], byte[]>(method.Type, method.ServiceName, method.Name, Bytes, Bytes);
        var options = new CallOptions(cancellationToken: ct);
        try
        {
            switch (method.Type)
            {
                case MethodType.Unary:
                    await invoker.AsyncUnaryCall(raw, null, options, message).ResponseAsync;
                    break;
                case MethodType.ServerStreaming:
                    using (var call = invoker.AsyncServerStreamingCall(raw, null, options, message))
                    {
                        while (await call.ResponseStream.MoveNext(ct))
                        {
                        }
                    }
                    break;
                case MethodType.ClientStreaming:
                    using (var call = invoker.AsyncClientStreamingCall(raw, null, options))
                    {
                        await WriteAsync(call.RequestStream, message);
                        await call.ResponseAsync;
                    }
                    break;
                default:
                    using (var call = invoker.AsyncDuplexStreamingCall(raw, null, options))
                    {
                        await WriteAsync(call.RequestStream, message);
                        while (await call.ResponseStream.MoveNext(ct))
                        {
                        }
                    }
                    break;
            }
            return Status.DefaultSuccess;
        }
        catch (RpcException e)
        {
            return e.Status;
        }
    }

    private static async Task WriteAsync(IClientStreamWriter<byte[]> stream, byte[] message)
    {
        try
        {
            if (message.Length > 0)
            {
                await stream.WriteAsync(message);
            }
            await stream.CompleteAsync();
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException or IOException)
        {
            // The server may have answered already; its status is on the response.
        }
    }
}
