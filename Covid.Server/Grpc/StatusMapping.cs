using Covid.SparkJob.Errors;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Covid.Server.Grpc;

/// <summary>
/// How failures are answered, as one table: each <see cref="ErrorCode"/> of the core's
/// <see cref="ServiceException"/> to its canonical status, field violations as a
/// google.rpc.BadRequest detail; a request message that does not parse is INVALID_ARGUMENT; a call the client abandoned is CANCELLED; anything else is a
/// bug, answered INTERNAL with a correlation id that is also logged, never UNKNOWN.
/// </summary>
public static class StatusMapping
{
    public const string CorrelationIdTrailer = "correlation-id";

    /// <summary>
    /// Field violations sent with one status; the rest are summed up in one more. gRPC clients
    /// refuse trailers over 8 KB by default, and a status they cannot read helps no one.
    /// </summary>
    public const int MaxViolations = 20;

    /// <summary>The longest status message (and violation description) sent, in characters.</summary>
    public const int MaxMessageLength = 1024;

    public static readonly IReadOnlyDictionary<ErrorCode, StatusCode> Codes = new Dictionary<ErrorCode, StatusCode>
    {
        [ErrorCode.InvalidArgument] = StatusCode.InvalidArgument,
        [ErrorCode.NotFound] = StatusCode.NotFound,
        [ErrorCode.AlreadyExists] = StatusCode.AlreadyExists,
        [ErrorCode.FailedPrecondition] = StatusCode.FailedPrecondition,
        [ErrorCode.ResourceExhausted] = StatusCode.ResourceExhausted,
        [ErrorCode.PermissionDenied] = StatusCode.PermissionDenied,
        [ErrorCode.Unauthenticated] = StatusCode.Unauthenticated,
        [ErrorCode.Unavailable] = StatusCode.Unavailable,
        [ErrorCode.DeadlineExceeded] = StatusCode.DeadlineExceeded,
        [ErrorCode.Cancelled] = StatusCode.Cancelled,
        [ErrorCode.DataLoss] = StatusCode.DataLoss,
        [ErrorCode.Internal] = StatusCode.Internal,
    };

    /// <summary>
    /// The HTTP status a REST client gets for a gRPC status: the mapping of google/rpc/code.proto,
    /// which JSON transcoding applies to the services' failures too.
    /// </summary>
    public static int HttpStatus(StatusCode code) => code switch
    {
        StatusCode.OK => 200,
        StatusCode.Cancelled => 499,
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => 400,
        StatusCode.DeadlineExceeded => 504,
        StatusCode.NotFound => 404,
        StatusCode.AlreadyExists or StatusCode.Aborted => 409,
        StatusCode.PermissionDenied => 403,
        StatusCode.Unauthenticated => 401,
        StatusCode.ResourceExhausted => 429,
        StatusCode.Unimplemented => 501,
        StatusCode.Unavailable => 503,
        _ => 500,
    };

    /// <param name="callCancelled">The client went away or its deadline passed.</param>
    /// <param name="unexpected">True when the failure is none the service knows: a bug to log.</param>
    public static RpcException ToRpcException(Exception exception, bool callCancelled, out bool unexpected)
    {
        unexpected = false;
        switch (exception)
        {
            case ServiceException service:
                return ToRpcException(service);
            case not null when UnparsableMessage.Reason(exception) is { } why:
                return ToRpcException(ServiceException.InvalidArgument("request", $"a request message is not a valid protobuf message of this RPC ({why})"));
            case OperationCanceledException when callCancelled:
                return new RpcException(new global::Grpc.Core.Status(StatusCode.Cancelled, "the call was cancelled"));
            default:
                unexpected = true;
                var id = Guid.NewGuid().ToString("N")[..12];
                var message = $"internal error (correlation id {id}); the server's log has the details";
                return new RpcException(new global::Grpc.Core.Status(StatusCode.Internal, message), new Metadata { { CorrelationIdTrailer, id } }, message);
        }
    }

    public static RpcException ToRpcException(ServiceException exception)
    {
        var code = Codes[exception.Code];
        if (exception.Violations.Count == 0)
        {
            var text = Cap(exception.Message, MaxMessageLength);
            return new RpcException(new global::Grpc.Core.Status(code, text), text);
        }
        var shown = exception.Violations.Take(MaxViolations).ToList();
        var more = exception.Violations.Count - shown.Count;
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(shown.Select(v =>
            new BadRequest.Types.FieldViolation { Field = Cap(v.Field, 200), Description = Cap(v.Description, 300) }));
        if (more > 0)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = "", Description = $"and {more} more" });
        }
        var message = more > 0
            ? $"{string.Join("; ", shown.Take(3).Select(v => $"{v.Field}: {v.Description}"))}; {exception.Violations.Count} problems in all (the first {MaxViolations} are listed)"
            : exception.Message;
        var status = new Google.Rpc.Status
        {
            Code = (int)code,
            Message = Cap(message, MaxMessageLength),
            Details = { Any.Pack(badRequest) },
        };
        return status.ToRpcException();
    }

    private static string Cap(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
