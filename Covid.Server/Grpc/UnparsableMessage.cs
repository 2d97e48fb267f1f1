using System.Text;
using Google.Protobuf;

namespace Covid.Server.Grpc;

/// <summary>
/// Recognises a failure to parse a request message (random bytes, invalid UTF-8 in a string,
/// nesting over protobuf's limit), wherever grpc-dotnet or a service wrapped it: it is the
/// client's bad input, answered INVALID_ARGUMENT, not a bug of the server.
/// </summary>
internal static class UnparsableMessage
{
    /// <summary>The parser's reason, or null when <paramref name="exception"/> is not a parse failure.</summary>
    public static string? Reason(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is InvalidProtocolBufferException or DecoderFallbackException)
            {
                return inner.Message;
            }
        }
        return null;
    }
}
