using Grpc.Core;

namespace Covid.Client;

/// <summary>The server wants a credential, or refused the one sent (UNAUTHENTICATED): see <see cref="CovidClientOptions.ApiKey"/>.</summary>
public sealed class UnauthenticatedException(string message, Exception? innerException = null)
    : CovidException(StatusCode.Unauthenticated, message, null, innerException);
