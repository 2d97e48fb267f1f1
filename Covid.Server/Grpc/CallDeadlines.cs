using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Covid.Server.Grpc;

/// <summary>
/// Gives every unary call the server's own deadline (Limits:UnaryDeadline, or Limits:ImportDeadline
/// for ImportDataset), whatever deadline the client sent. In front of the gRPC endpoint, the
/// request's lifetime token (<see cref="HttpContext.RequestAborted"/>, settable for this purpose) is
/// linked to a timer; grpc-dotnet takes the call's <c>context.CancellationToken</c> from it, so
/// the service sees the deadline with no wrapped call context. <see cref="CallLimitsInterceptor"/>
/// then answers DEADLINE_EXCEEDED naming the limit.
/// </summary>
public static class CallDeadlines
{
    private const string ImportMethod = "/covid.v1.DatasetService/ImportDataset";

    /// <summary>The server's deadline of the call <paramref name="context"/> belongs to; null for a streaming call.</summary>
    public static ServerDeadline? Of(HttpContext context) => context.Items[typeof(ServerDeadline)] as ServerDeadline;

    public static WebApplication UseServerDeadlines(this WebApplication app, CallLimitOptions limits)
    {
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method is not { Type: MethodType.Unary } method)
            {
                await next();
                return;
            }
            var (limit, key) = method.FullName == ImportMethod
                ? (limits.ImportDeadline, "Limits:ImportDeadline")
                : (limits.UnaryDeadline, "Limits:UnaryDeadline");
            using var deadline = new ServerDeadline(limit, key, context.RequestAborted);
            using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, deadline.Token);
            context.RequestAborted = lifetime.Token;
            context.Items[typeof(ServerDeadline)] = deadline;
            await next();
        });
        return app;
    }
}
