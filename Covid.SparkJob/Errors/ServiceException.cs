namespace Covid.SparkJob.Errors;

/// <summary>
/// The one failure type the analysis library and the server's business code throw: a canonical
/// code, a message for people, and the field violations of a rejected request. Only the gRPC edge
/// turns it into a status; nothing below the edge knows about gRPC.
/// </summary>
public class ServiceException(ErrorCode code, string message, IReadOnlyList<FieldViolation>? violations = null, Exception? innerException = null)
    : Exception(message, innerException)
{
    public ErrorCode Code { get; } = code;

    /// <summary>What is wrong with the request, field by field; empty when the failure is not about one field.</summary>
    public IReadOnlyList<FieldViolation> Violations { get; } = violations ?? [];

    /// <summary>INVALID_ARGUMENT for one field, e.g. ("request_id", "at most 128 characters").</summary>
    public static ServiceException InvalidArgument(string field, string description) =>
        new(ErrorCode.InvalidArgument, $"{field}: {description}", [new FieldViolation(field, description)]);

    /// <summary>INVALID_ARGUMENT for several fields at once.</summary>
    public static ServiceException InvalidArgument(IReadOnlyList<FieldViolation> violations) =>
        new(ErrorCode.InvalidArgument, string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")), violations);

    public static ServiceException NotFound(string message) => new(ErrorCode.NotFound, message);

    public static ServiceException AlreadyExists(string message) => new(ErrorCode.AlreadyExists, message);

    public static ServiceException FailedPrecondition(string message) => new(ErrorCode.FailedPrecondition, message);

    public static ServiceException ResourceExhausted(string message) => new(ErrorCode.ResourceExhausted, message);
}
