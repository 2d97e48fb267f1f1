using Grpc.Core;

namespace Covid.Server.Grpc;

/// <summary>
/// grpc-dotnet refuses a request message over its size limit before any interceptor runs, with a
/// message that does not say the limit. This middleware rewrites that one refusal to name it.
/// </summary>
public static class MessageSizeMessage
{
    private const string GrpcText = "Received message exceeds the maximum configured message size.";

    public static WebApplication UseMessageSizeMessage(this WebApplication app, int limit)
    {
        var message = Uri.EscapeDataString(
            $"the request message is larger than this server's limit of {limit} bytes (Limits:MaxMessageBytes)");
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                if (headers["grpc-status"] == ((int)StatusCode.ResourceExhausted).ToString()
                    && Uri.UnescapeDataString(headers["grpc-message"].ToString()) == GrpcText)
                {
                    headers["grpc-message"] = message;
                }
                return Task.CompletedTask;
            });
            await next();
        });
        return app;
    }
}
