using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Covid.Server.Auth;

/// <summary>The credential of <c>authorization: Bearer …</c>, which carries an API key or a JWT alike.</summary>
public static class BearerCredential
{
    private const string Scheme = "Bearer ";

    /// <summary>The credential, or null when the header is absent or not a bearer one.</summary>
    public static string? Read(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && header.Length > Scheme.Length
            ? header[Scheme.Length..].Trim()
            : null;
    }

    /// <summary>No credential at all is "no result"; a header of another scheme is a failure worth naming.</summary>
    public static AuthenticateResult Missing(HttpRequest request) =>
        request.Headers.Authorization.Count == 0
            ? AuthenticateResult.NoResult()
            : AuthenticateResult.Fail("the authorization header must read 'Bearer KEY' (an API key) or 'Bearer TOKEN' (a JWT)");

    /// <summary>Three dot-separated parts: a JWT (API keys made by covid admin hash-key have no dots).</summary>
    public static bool LooksLikeJwt(string credential) => credential.Count(c => c == '.') == 2;
}
