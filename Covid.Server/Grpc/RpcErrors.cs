using System.Diagnostics.CodeAnalysis;
using Covid.SparkJob.Validation;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Covid.Server.Grpc;

/// <summary>
/// Every gRPC error the server sends is built here, so codes and details stay consistent: invalid
/// input always carries google.rpc.BadRequest field violations a client can point at.
/// </summary>
public static class RpcErrors
{
    public static RpcException BadRequest(string message, IEnumerable<FieldViolation> violations)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(violations.Select(v =>
            new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = message,
            Details = { Any.Pack(badRequest) },
        };
        return status.ToRpcException();
    }

    [DoesNotReturn]
    public static void ThrowInvalidArgument(string field, string description) =>
        throw BadRequest($"{field}: {description}", [new FieldViolation(field, description)]);

    [DoesNotReturn]
    public static void ThrowNotFound(string message) => throw Status(StatusCode.NotFound, message);

    [DoesNotReturn]
    public static void ThrowAlreadyExists(string message) => throw Status(StatusCode.AlreadyExists, message);

    [DoesNotReturn]
    public static void ThrowFailedPrecondition(string message) => throw Status(StatusCode.FailedPrecondition, message);

    [DoesNotReturn]
    public static void ThrowResourceExhausted(string message) => throw Status(StatusCode.ResourceExhausted, message);

    public static RpcException Status(StatusCode code, string message) => new(new global::Grpc.Core.Status(code, message), message);
}
