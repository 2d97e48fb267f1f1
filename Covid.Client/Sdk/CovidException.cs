using Grpc.Core;

namespace Covid.Client;

/// <summary>
/// Every failure of a <see cref="CovidClient"/> call: the gRPC status the server (or the SDK, for
/// bad local input) gave, its message, and any field violations of a rejected request. Catch a
/// kind (<see cref="InvalidSpecException"/>, <see cref="NotFoundException"/>,
/// <see cref="QuotaExceededException"/>, <see cref="UnauthenticatedException"/>,
/// <see cref="AnalysisFailedException"/>) or this for all.
/// </summary>
public class CovidException : Exception
{
    /// <summary>A failure with a status code and message, and optional field violations.</summary>
    public CovidException(StatusCode statusCode, string message, IReadOnlyList<FieldViolation>? fieldViolations = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        FieldViolations = fieldViolations ?? [];
    }

    /// <summary>The canonical gRPC status code, e.g. InvalidArgument or NotFound.</summary>
    public StatusCode StatusCode { get; }

    /// <summary>Field-level problems of a rejected request; empty when there are none.</summary>
    public IReadOnlyList<FieldViolation> FieldViolations { get; }
}
