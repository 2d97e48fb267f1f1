using Grpc.Core;

namespace Covid.Client;

/// <summary>
/// A spec that cannot run (INVALID_ARGUMENT): not JSON, an unknown field, or each
/// <see cref="CovidException.FieldViolations"/> entry naming a field path such as
/// <c>spec.metrics[0].field</c> — found by the SDK's shape checks before sending, or by the server.
/// </summary>
public sealed class InvalidSpecException(string message, IReadOnlyList<FieldViolation>? fieldViolations = null, Exception? innerException = null)
    : CovidException(StatusCode.InvalidArgument, message, fieldViolations, innerException);
