using Covid.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Covid.Server.Grpc;

/// <summary>
/// Refuses a unary or server-streaming request that is not a valid message of its RPC (random
/// bytes, invalid UTF-8 in a string, nesting deeper than protobuf's limit) with INVALID_ARGUMENT
/// naming the message type. grpc-dotnet parses that message before any interceptor runs and
/// answers a failure as UNKNOWN "Exception was thrown by handler."; this parses it first, from the
/// bytes already buffered (<see cref="MessageSizeGate"/> has bounded their size), and leaves them
/// unread for grpc-dotnet. Client streams are checked message by message as they are read
/// (<see cref="LimitedStreamReader{T}"/>).
/// </summary>
public static class RequestMessageCheck
{
    private static readonly IReadOnlyDictionary<string, MessageDescriptor> Inputs =
        new[] { AnalysisService.Descriptor, DatasetService.Descriptor, global::Grpc.Health.V1.Health.Descriptor }
            .SelectMany(s => s.Methods)
            .ToDictionary(m => $"/{m.Service.FullName}/{m.Name}", m => m.InputType, StringComparer.Ordinal);

    public static string Refusal(MessageDescriptor type, string why) =>
        $"the request is not a valid {type.FullName} message ({why})";

    public static WebApplication UseRequestMessageCheck(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method is { Type: MethodType.Unary or MethodType.ServerStreaming } method
                && context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true
                && Inputs.TryGetValue(method.FullName, out var input)
                && await ProblemAsync(context.Request, input, context.RequestAborted) is { } problem)
            {
                await GrpcStatusResponse.WriteAsync(context.Response, StatusCode.InvalidArgument, Refusal(input, problem));
                return;
            }
            await next();
        });
        return app;
    }

    /// <summary>Why the request's one message does not parse as <paramref name="input"/>, or null when it does (or is compressed: grpc-dotnet's to read).</summary>
    private static async Task<string?> ProblemAsync(HttpRequest request, MessageDescriptor input, CancellationToken cancellationToken)
    {
        if (await GrpcFramePrefix.PeekAsync(request.BodyReader, cancellationToken) is not { Compressed: false } prefix)
        {
            return null;
        }
        var reader = request.BodyReader;
        var read = await reader.ReadAtLeastAsync(GrpcFramePrefix.Bytes + (int)prefix.Length, cancellationToken);
        string? problem = null;
        if (read.Buffer.Length >= GrpcFramePrefix.Bytes + prefix.Length)
        {
            try
            {
                input.Parser.ParseFrom(read.Buffer.Slice(GrpcFramePrefix.Bytes, prefix.Length));
            }
            catch (Exception e) when (UnparsableMessage.Reason(e) is { } why)
            {
                problem = why;
            }
        }
        // Nothing consumed, nothing examined: grpc-dotnet's first read returns these bytes at once.
        reader.AdvanceTo(read.Buffer.Start);
        return problem;
    }
}
