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
    public static async Task<Status> CallAsync(CallInvoker invoker, IMethod method, CancellationToken ct)
    {
        var raw = new Method<byte[], byte[]>(method.Type, method.ServiceName, method.Name, Bytes, Bytes);
        var options = new CallOptions(cancellationToken: ct);
        try
        {
            switch (method.Type)
            {
                case MethodType.Unary:
                    await invoker.AsyncUnaryCall(raw, null, options, []).ResponseAsync;
                    break;
                case MethodType.ServerStreaming:
                    using (var call = invoker.AsyncServerStreamingCall(raw, null, options, []))
                    {
                        while (await call.ResponseStream.MoveNext(ct))
                        {
                        }
                    }
                    break;
                case MethodType.ClientStreaming:
                    using (var call = invoker.AsyncClientStreamingCall(raw, null, options))
                    {
                        await call.RequestStream.CompleteAsync();
                        await call.ResponseAsync;
                    }
                    break;
                default:
                    using (var call = invoker.AsyncDuplexStreamingCall(raw, null, options))
                    {
                        await call.RequestStream.CompleteAsync();
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
}
