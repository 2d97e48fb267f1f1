using Covid.SparkJob.Errors;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Covid.Server.Grpc;

/// <summary>
/// How failures are answered, as one table: each <see cref="ErrorCode"/> of the core's
/// <see cref="ServiceException"/> to its canonical status, field violations as a
/// google.rpc.BadRequest detail; a call the client abandoned is CANCELLED; anything else is a
/// bug, answered INTERNAL with a correlation id that is also logged, never UNKNOWN.
/// </summary>
public static class StatusMapping
{
    public const string CorrelationIdTrailer = "correlation-id";

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

    /// <param name="callCancelled">The client went away or its deadline passed.</param>
    /// <param name="unexpected">True when the failure is none the service knows: a bug to log.</param>
    public static RpcException ToRpcException(Exception exception, bool callCancelled, out bool unexpected)
    {
        unexpected = false;
        switch (exception)
        {
            case ServiceException service:
                return ToRpcException(service);
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
            return new RpcException(new global::Grpc.Core.Status(code, exception.Message), exception.Message);
        }
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(exception.Violations.Select(v =>
            new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        var status = new Google.Rpc.Status
        {
            Code = (int)code,
            Message = exception.Message,
            Details = { Any.Pack(badRequest) },
        };
        return status.ToRpcException();
    }
}
