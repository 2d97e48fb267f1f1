using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Covid.Server.Grpc;

/// <summary>
/// Refuses a unary or server-streaming request whose one message is over Limits:MaxMessageBytes,
/// naming the limit. grpc-dotnet reads such a message before any interceptor runs and answers with
/// a text that names no limit; this reads only the message's length prefix (gRPC's wire format: a
/// compressed flag, then a 4-byte big-endian length) and leaves the body unread for grpc-dotnet,
/// whose MaxReceiveMessageSize stays the backstop. REST calls carry JSON, not the prefix: JSON
/// transcoding measures their body against the same limit. Client streams (uploads) are checked message by
/// message as they are read (see <see cref="LimitedStreamReader{T}"/>).
/// </summary>
public static class MessageSizeGate
{
    public static string Refusal(int limit) =>
        $"the request message is larger than this server's limit of {limit} bytes (Limits:MaxMessageBytes)";

    public static WebApplication UseMessageSizeGate(this WebApplication app, int limit)
    {
        app.Use(async (context, next) =>
        {
            if (GrpcStatusResponse.IsGrpc(context.Request)
                && context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method is { Type: MethodType.Unary or MethodType.ServerStreaming }
                && await AnnouncedLengthAsync(context.Request, context.RequestAborted) > limit)
            {
                await GrpcStatusResponse.WriteAsync(context.Response, StatusCode.ResourceExhausted, Refusal(limit));
                return;
            }
            await next();
        });
        return app;
    }

    /// <summary>The length the request's first message announces, or -1 when the body is shorter than a prefix.</summary>
    private static async Task<long> AnnouncedLengthAsync(HttpRequest request, CancellationToken cancellationToken) =>
        await GrpcFramePrefix.PeekAsync(request.BodyReader, cancellationToken) is { } prefix ? prefix.Length : -1;
}
