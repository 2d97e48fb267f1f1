using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;

namespace Covid.Server.Auth;

/// <summary>What was wrong with a rejected token, in words a caller can act on (no stack, no key material).</summary>
public static class BearerFailures
{
    public static string Describe(Exception failure) => failure switch
    {
        // The API-key handler's and our own token checks' messages are already written for callers.
        AuthenticationFailureException own => own.Message,
        SecurityTokenExpiredException expired => $"the bearer token expired at {expired.Expires:u}; get a new one",
        SecurityTokenNotYetValidException early => $"the bearer token is not valid before {early.NotBefore:u}",
        SecurityTokenSignatureKeyNotFoundException =>
            "the bearer token's signing key is not among the issuer's keys; the server fetches them again now, so if the issuer just rotated its keys, retry",
        SecurityTokenInvalidSignatureException => "the bearer token's signature does not verify with the issuer's keys",
        SecurityTokenInvalidIssuerException => "the bearer token comes from another issuer than this server's (Auth:Jwt:Issuer)",
        SecurityTokenInvalidAudienceException => "the bearer token is for another audience than this server's (Auth:Jwt:Audience)",
        SecurityTokenMalformedException => "the bearer token is not a well-formed JWT",
        SecurityTokenException => "the bearer token is not valid",
        _ when IsIssuerUnreachable(failure) => "the token issuer's keys cannot be fetched right now (Auth:Jwt:Issuer); try again",
        _ => "the bearer token could not be validated",
    };

    /// <summary>The issuer's discovery document or keys could not be fetched (see <see cref="IssuerKeys"/>).</summary>
    public static bool IsIssuerUnreachable(Exception failure) => failure is IssuerUnavailableException;
}
