using Grpc.Core;

namespace Covid.Client;

/// <summary>No such analysis or dataset (NOT_FOUND); another user's looks the same.</summary>
public sealed class NotFoundException(string message, Exception? innerException = null)
    : CovidException(StatusCode.NotFound, message, null, innerException);
