using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Covid.Server.Auth;

/// <summary>
/// Authentication at the edge: one policy scheme reads <c>authorization: Bearer …</c> and hands a
/// JWT to the OIDC issuer's handler and anything else to the API-key handler. Whether a call needs
/// a principal at all is decided per call by the gRPC edge (grpc.health.v1 never does).
/// </summary>
public static class AuthRegistration
{
    public const string Scheme = "Covid";

    public static IServiceCollection AddCovidAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .Validate(o => o.ApiKeys.All(k => k.Principal.Trim().Length > 0), "Auth:ApiKeys:{i}:Principal is required for every key")
            .Validate(o => o.ApiKeys.All(k => ApiKeyHash.TryParse(k.Hash, out _)), "Auth:ApiKeys:{i}:Hash must be sha256:SALT:HASH as printed by 'covid admin hash-key KEY'")
            .Validate(o => o.ApiKeys.All(k => k.Role is ApiKeyOptions.UserRole or ApiKeyOptions.AdminRole), "Auth:ApiKeys:{i}:Role must be user or admin")
            .Validate(o => !o.Jwt.IsConfigured || !string.IsNullOrWhiteSpace(o.Jwt.Audience), "Auth:Jwt:Audience is required with Auth:Jwt:Issuer")
            .ValidateOnStart();
        services.AddHostedService<AnonymousBindingCheck>();

        var jwt = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>()?.Jwt ?? new JwtOptions();
        var authentication = services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key or OIDC bearer token", o => o.ForwardDefaultSelector = context =>
                jwt.IsConfigured && BearerCredential.Read(context.Request) is { } credential && BearerCredential.LooksLikeJwt(credential)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        if (jwt.IsConfigured)
        {
            authentication.AddJwtBearer(o => JwtConfiguration.Apply(o, jwt));
        }
        return services;
    }
}
