using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Covid.Tests.Support;

/// <summary>
/// An OIDC issuer on loopback: a discovery document and a JWKS with an RSA key made for the test,
/// and tokens signed with it (or with a key it does not publish). It can rotate to a new key, and
/// counts how often its documents were fetched.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    public const string Audience = "covid-analysis";

    private readonly WebApplication app;
    private RsaSecurityKey key = NewKey("test-key");
    private int fetches;

    private TestIssuer(WebApplication app) => this.app = app;

    public string Url => app.Urls.Single().TrimEnd('/');

    /// <summary>How many times the discovery document or the key set was fetched.</summary>
    public int Fetches => Volatile.Read(ref fetches);

    public static async Task<TestIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // HTTP/1.1, as every OIDC client fetches discovery documents. The test output directory holds
        // the server's appsettings.json, whose Kestrel:EndpointDefaults:Protocols=Http2 would otherwise
        // make this issuer answer the server's HTTP/1.1 requests with 400: its keys then never arrive.
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        var issuer = new TestIssuer(app);
        app.MapGet("/.well-known/openid-configuration", () => issuer.Fetched(new Dictionary<string, object>
        {
            ["issuer"] = issuer.Url,
            ["jwks_uri"] = issuer.Url + "/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/jwks", () =>
        {
            var key = issuer.key;
            var parameters = key.Rsa.ExportParameters(false);
            return issuer.Fetched(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = key.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) } } });
        });
        await app.StartAsync();
        return issuer;
    }

    /// <summary>Replaces the signing key (with a new key id) and publishes only the new one, as an issuer rotating its keys does.</summary>
    public void RotateKey(string keyId) => key = NewKey(keyId);

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

    private static RsaSecurityKey NewKey(string keyId) => new(RSA.Create(2048)) { KeyId = keyId };

    private IResult Fetched(object document)
    {
        Interlocked.Increment(ref fetches);
        return Results.Json(document);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
