using Google.Rpc;
using Grpc.Core;

namespace Covid.Client;

/// <summary>Turns gRPC failures into the SDK's one exception type, keeping the status and its details.</summary>
internal static class RpcErrors
{
    /// <summary>
    /// The exception to throw for <paramref name="error"/>: an <see cref="OperationCanceledException"/>
    /// when the caller's token caused it (so cancellation looks like cancellation), else a CovidException.
    /// </summary>
    public static Exception Translate(RpcException error, CancellationToken cancellationToken, bool spec = false)
    {
        if (cancellationToken.IsCancellationRequested && error.StatusCode is Grpc.Core.StatusCode.Cancelled or Grpc.Core.StatusCode.DeadlineExceeded)
        {
            return new OperationCanceledException("The call was cancelled.", error, cancellationToken);
        }

        return ToCovidException(error, spec);
    }

    /// <summary>
    /// The status code, message and BadRequest field violations of a failed call, as the exception
    /// of its kind; INVALID_ARGUMENT is an <see cref="InvalidSpecException"/> for calls that send a spec.
    /// </summary>
    public static CovidException ToCovidException(RpcException error, bool spec = false)
    {
        var message = string.IsNullOrWhiteSpace(error.Status.Detail) ? error.StatusCode.ToString() : error.Status.Detail;
        if (error.StatusCode == Grpc.Core.StatusCode.Unavailable && error.Status.DebugException is { } cause)
        {
            // "Error connecting to subchannel." alone does not say why; the socket error does.
            message += " " + cause.GetBaseException().Message;
        }

        return error.StatusCode switch
        {
            Grpc.Core.StatusCode.InvalidArgument when spec => new InvalidSpecException(message, FieldViolationsOf(error), error),
            Grpc.Core.StatusCode.NotFound => new NotFoundException(message, error),
            Grpc.Core.StatusCode.ResourceExhausted => new QuotaExceededException(message, error),
            Grpc.Core.StatusCode.Unauthenticated => new UnauthenticatedException(message, error),
            _ => new CovidException(error.StatusCode, message, FieldViolationsOf(error), error),
        };
    }

    private static List<Client.FieldViolation> FieldViolationsOf(RpcException error)
    {
        var violations = new List<Client.FieldViolation>();
        Google.Rpc.Status? status;
        try
        {
            status = error.GetRpcStatus();
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            // A malformed details trailer must not hide the status itself.
            return violations;
        }

        var badRequest = status?.GetDetail<BadRequest>();
        if (badRequest is not null)
        {
            foreach (var v in badRequest.FieldViolations)
            {
                violations.Add(new Client.FieldViolation(v.Field, v.Description));
            }
        }

        return violations;
    }
}
