namespace Covid.Server.Auth;

/// <summary>The OIDC issuer's discovery document or keys could not be fetched: the server's problem, not the token's.</summary>
public sealed class IssuerUnavailableException(Exception cause)
    : Exception("the token issuer's keys could not be fetched", cause);
