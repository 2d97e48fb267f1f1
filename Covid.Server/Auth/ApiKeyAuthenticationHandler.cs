using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Covid.Server.Auth;

/// <summary>
/// <c>authorization: Bearer KEY</c> against the hashes of <c>Auth:ApiKeys</c>. Every configured key is
/// compared, match or not, so the time taken does not tell which (or whether any) key came close.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemes,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    IOptions<AuthOptions> auth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemes, loggers, encoder)
{
    public const string SchemeName = "ApiKey";

    private readonly (ApiKeyOptions Key, ApiKeyHash Hash)[] keys = auth.Value.ApiKeys
        .Select(k => (k, ApiKeyHash.TryParse(k.Hash, out var h) ? h! : throw new InvalidOperationException($"Auth:ApiKeys: the hash of {k.Principal} is not sha256:SALT:HASH")))
        .ToArray();

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerCredential.Read(Request) is not { } credential)
        {
            return Task.FromResult(BearerCredential.Missing(Request));
        }
        if (keys.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.Fail("the bearer credential is not a JWT, and this server accepts only tokens from its issuer (Auth:Jwt), no API keys"));
        }
        ApiKeyOptions? match = null;
        foreach (var (key, hash) in keys)
        {
            if (hash.Matches(credential) && match is null)
            {
                match = key;
            }
        }
        if (match is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("the API key is not valid: it matches none of this server's keys (Auth:ApiKeys)"));
        }
        var claims = new List<Claim> { new(CovidClaims.Principal, match.Principal) };
        if (string.Equals(match.Role, ApiKeyOptions.AdminRole, StringComparison.Ordinal))
        {
            claims.Add(new Claim(CovidClaims.Admin, "true"));
        }
        var identity = new ClaimsIdentity(claims, SchemeName, CovidClaims.Principal, ClaimTypes.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
