using System.Buffers.Binary;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;

namespace Covid.Tests.Support;

/// <summary>
/// A test-only unary RPC, <c>covid.test.Slow/Wait</c>, mapped beside the real services so it passes
/// the same interceptors: it waits as many milliseconds as its request says, honouring the call's
/// cancellation, and records whether that cancellation stopped it.
/// </summary>
[BindServiceMethod(typeof(SlowService), nameof(BindService))]
public class SlowService
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    public static readonly Method<byte[], byte[]> WaitMethod = new(MethodType.Unary, "covid.test.Slow", "Wait", Bytes, Bytes);

    private static int stopped;

    /// <summary>How many waits the call's cancellation token has stopped, over all servers in this process.</summary>
    public static int Stopped => Volatile.Read(ref stopped);

    public static void Map(WebApplication app) => app.MapGrpcService<SlowService>();

    public static void BindService(ServiceBinderBase binder, SlowService? service) =>
        binder.AddMethod(WaitMethod, (UnaryServerMethod<byte[], byte[]>)null!);

    // Virtual, as generated service bases are: grpc-dotnet binds the handler by looking it up so.
    public virtual async Task<byte[]> Wait(byte[] request, ServerCallContext context)
    {
        try
        {
            await Task.Delay(BinaryPrimitives.ReadInt32LittleEndian(request), context.CancellationToken);
            return [];
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref stopped);
            throw;
        }
    }

    /// <summary>Calls Wait for <paramref name="milliseconds"/> over <paramref name="invoker"/>.</summary>
    public static Task<byte[]> CallAsync(CallInvoker invoker, int milliseconds, CallOptions options)
    {
        var request = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(request, milliseconds);
        return invoker.AsyncUnaryCall(WaitMethod, null, options, request).ResponseAsync;
    }
}
