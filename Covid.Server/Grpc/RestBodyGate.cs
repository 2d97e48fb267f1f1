using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http;

namespace Covid.Server.Grpc;

/// <summary>
/// Holds REST request bodies to the rules gRPC requests meet before JSON transcoding reads them:
/// at most Limits:MaxMessageBytes (transcoding itself would read any size), and no unknown fields
/// (transcoding skips them, so a misspelt "groupby" would quietly run an ungrouped analysis). The
/// body is checked with protobuf's own JSON parser against the message the route's
/// <c>google.api.http</c> rule says it holds.
/// </summary>
public static class RestBodyGate
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    public static WebApplication UseRestBodyGate(this WebApplication app, int limit)
    {
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is { } rest
                && BodyMessage(rest) is { } message
                && await RefusalAsync(context.Request, message, limit) is { } refusal)
            {
                await GrpcStatusResponse.WriteAsync(context.Response, refusal.StatusCode, refusal.Detail);
                return;
            }
            await next();
        });
        return app;
    }

    /// <summary>The message a rule's body holds: the request ("*"), one of its fields, or none.</summary>
    private static MessageDescriptor? BodyMessage(GrpcJsonTranscodingMetadata rest) => rest.HttpRule.Body switch
    {
        "" => null,
        "*" => rest.MethodDescriptor.InputType,
        var field => rest.MethodDescriptor.InputType.FindFieldByName(field)?.MessageType,
    };

    private static async Task<Status?> RefusalAsync(HttpRequest request, MessageDescriptor message, int limit)
    {
        if (request.ContentLength > limit)
        {
            return TooLarge(limit);
        }
        request.EnableBuffering();
        using var text = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            if (text.Length + read > limit)
            {
                return TooLarge(limit);
            }
            text.Write(buffer, 0, read);
        }
        request.Body.Position = 0;
        if (text.Length == 0)
        {
            return null;
        }
        try
        {
            text.Position = 0;
            using var reader = new StreamReader(text);
            Parser.Parse(reader, message);
            return null;
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            return new Status(StatusCode.InvalidArgument, $"the request body is not a valid {message.FullName}: {e.Message}");
        }
    }

    private static Status TooLarge(int limit) => new(StatusCode.ResourceExhausted, MessageSizeGate.Refusal(limit));
}
