using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Covid.Server.Auth;

/// <summary>
/// Tells "no key matched the token" apart from "the issuer's keys never arrived". IdentityModel
/// validates a token even when fetching the issuer's keys failed (it logs the failure and goes on
/// with no keys), so an unreachable issuer would otherwise read as a bad signature. The
/// configuration manager knows: it answers from its cache, and throws only when it has no keys at
/// all. It also refreshes by itself when a token names a key id it has not seen (a rotated key).
/// </summary>
public static class IssuerKeys
{
    public static async Task<Exception> ExplainAsync(Exception failure, JwtBearerOptions options, CancellationToken cancellationToken)
    {
        if (failure is not SecurityTokenSignatureKeyNotFoundException || options.ConfigurationManager is null)
        {
            return failure;
        }
        try
        {
            await options.ConfigurationManager.GetConfigurationAsync(cancellationToken);
            return failure;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new IssuerUnavailableException(ex);
        }
    }
}
