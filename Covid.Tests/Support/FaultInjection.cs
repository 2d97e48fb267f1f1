using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Covid.Tests.Support;

/// <summary>
/// Faults put in front of the real services (innermost interceptor), to see what clients do with
/// them: the first calls of a method refused UNAVAILABLE, a call held back, or a progress stream
/// whose connection is cut after some events.
/// </summary>
public sealed class FaultInjection
{
    private int refusals;
    private int drops;

    /// <summary>The full method name the faults apply to, e.g. "/covid.v1.AnalysisService/GetAnalysis".</summary>
    public string Method { get; init; } = "";

    /// <summary>Calls of <see cref="Method"/> refused UNAVAILABLE before one gets through.</summary>
    public int RefuseFirst { get; init; }

    /// <summary>How long each call of <see cref="Method"/> waits before it runs (honouring cancellation).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>For a server stream: the connection of the first call is aborted after this many messages (0 = never).</summary>
    public int DropStreamAfter { get; init; }

    /// <summary>Calls of <see cref="Method"/> seen, refused ones included.</summary>
    public int Calls;

    public Action<WebApplicationBuilder> Customize => builder =>
    {
        builder.Services.AddSingleton(this);
        builder.Services.AddSingleton<Interceptor>();
        builder.Services.Configure<GrpcServiceOptions>(o => o.Interceptors.Add<Interceptor>());
    };

    private async Task EnterAsync(ServerCallContext context)
    {
        Interlocked.Increment(ref Calls);
        if (Interlocked.Increment(ref refusals) <= RefuseFirst)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "injected: the server is restarting"));
        }
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.CancellationToken);
        }
    }

    private sealed class Interceptor(FaultInjection faults) : global::Grpc.Core.Interceptors.Interceptor
    {
        public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        {
            if (context.Method == faults.Method)
            {
                await faults.EnterAsync(context);
            }
            return await continuation(request, context);
        }

        public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
            ServerStreamingServerMethod<TRequest, TResponse> continuation)
        {
            if (context.Method != faults.Method)
            {
                await continuation(request, responseStream, context);
                return;
            }
            await faults.EnterAsync(context);
            var drop = faults.DropStreamAfter > 0 && Interlocked.Increment(ref faults.drops) == 1;
            await continuation(request, drop ? new Dropping<TResponse>(responseStream, context, faults.DropStreamAfter) : responseStream, context);
        }
    }

    /// <summary>Writes <paramref name="after"/> messages, then cuts the connection under the call, as a network failure would.</summary>
    private sealed class Dropping<T>(IServerStreamWriter<T> inner, ServerCallContext context, int after) : IServerStreamWriter<T>
    {
        private int written;

        public WriteOptions? WriteOptions
        {
            get => inner.WriteOptions;
            set => inner.WriteOptions = value;
        }

        public async Task WriteAsync(T message)
        {
            if (written++ == after)
            {
                context.GetHttpContext().Abort();
                throw new OperationCanceledException("injected: connection dropped");
            }
            await inner.WriteAsync(message);
        }
    }
}
