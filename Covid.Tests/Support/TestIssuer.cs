using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Covid.Tests.Support;

/// <summary>
/// An OIDC issuer on loopback: a discovery document and a JWKS with an RSA key made for the test,
/// and tokens signed with it (or with a key it does not publish).
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    public const string Audience = "covid-analysis";

    private readonly WebApplication app;
    private readonly RsaSecurityKey key = new(RSA.Create(2048)) { KeyId = "test-key" };

    private TestIssuer(WebApplication app) => this.app = app;

    public string Url => app.Urls.Single().TrimEnd('/');

    public static async Task<TestIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var issuer = new TestIssuer(app);
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer.Url,
            ["jwks_uri"] = issuer.Url + "/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/jwks", () =>
        {
            var parameters = issuer.key.Rsa.ExportParameters(false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = issuer.key.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) } } });
        });
        await app.StartAsync();
        return issuer;
    }

    /// <summary>Auth:Jwt settings that trust this issuer.</summary>
    public Dictionary<string, string> Settings() => new()
    {
        ["Auth:Jwt:Issuer"] = Url,
        ["Auth:Jwt:Audience"] = Audience,
        ["Auth:Jwt:RequireHttpsMetadata"] = "false",
    };

    public string Token(string subject, TimeSpan? lifetime = null, string[]? roles = null, bool foreignKey = false, string? audience = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(10));
        var claims = new List<Claim> { new("sub", subject) };
        claims.AddRange((roles ?? []).Select(r => new Claim("roles", r)));
        var signing = foreignKey ? new RsaSecurityKey(RSA.Create(2048)) { KeyId = key.KeyId } : key;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Url,
            Audience = audience ?? Audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = expires < now ? expires.AddMinutes(-10) : now.AddMinutes(-1),
            IssuedAt = expires < now ? expires.AddMinutes(-10) : now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(signing, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
