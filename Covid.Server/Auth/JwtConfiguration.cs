using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Covid.Server.Auth;

/// <summary>The JwtBearer handler as <c>Auth:Jwt</c> configures it, naming the principal and marking admins.</summary>
public static class JwtConfiguration
{
    public static void Apply(JwtBearerOptions o, JwtOptions jwt)
    {
        o.Authority = jwt.Issuer;
        o.Audience = jwt.Audience;
        o.RequireHttpsMetadata = jwt.RequireHttpsMetadata;
        // A call waits for the first fetch of the issuer's keys; an issuer that does not answer in
        // this long is reported as unavailable rather than holding the call for the default minute.
        o.BackchannelTimeout = TimeSpan.FromSeconds(10);
        if (!string.IsNullOrWhiteSpace(jwt.MetadataAddress))
        {
            o.MetadataAddress = jwt.MetadataAddress;
        }
        // Claims keep the names the issuer gave them ("sub", "roles"), not WS-Federation URIs.
        o.MapInboundClaims = false;
        o.TokenValidationParameters.ValidIssuer = jwt.Issuer;
        o.TokenValidationParameters.NameClaimType = jwt.PrincipalClaim;
        o.TokenValidationParameters.RoleClaimType = jwt.RoleClaim;
        o.TokenValidationParameters.ClockSkew = jwt.ClockSkew;
        o.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var identity = (ClaimsIdentity)context.Principal!.Identity!;
                var principal = identity.FindFirst(jwt.PrincipalClaim)?.Value;
                if (string.IsNullOrWhiteSpace(principal))
                {
                    context.Fail($"the bearer token has no '{jwt.PrincipalClaim}' claim to name its principal (Auth:Jwt:PrincipalClaim)");
                    return Task.CompletedTask;
                }
                identity.AddClaim(new Claim(CovidClaims.Principal, principal));
                if (identity.FindAll(jwt.RoleClaim).Any(c => c.Value == jwt.AdminRole) || jwt.Admins.Contains(principal, StringComparer.Ordinal))
                {
                    identity.AddClaim(new Claim(CovidClaims.Admin, "true"));
                }
                return Task.CompletedTask;
            },
            // A failure becomes a result the gRPC edge answers UNAUTHENTICATED (or UNAVAILABLE when
            // the issuer cannot be reached), instead of an exception out of the middleware.
            OnAuthenticationFailed = async context =>
                context.Fail(await IssuerKeys.ExplainAsync(context.Exception, context.Options, context.HttpContext.RequestAborted)),
        };
    }
}
