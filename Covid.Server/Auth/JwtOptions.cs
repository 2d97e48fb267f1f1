namespace Covid.Server.Auth;

/// <summary>Bearer tokens from an OIDC issuer (<c>Auth:Jwt:*</c>), e.g. the cluster's service-account issuer.</summary>
public sealed class JwtOptions
{
    /// <summary>The issuer URL; its keys come from <c>{Issuer}/.well-known/openid-configuration</c>.</summary>
    public string? Issuer { get; set; }

    /// <summary>The audience tokens must be issued for (required with an issuer).</summary>
    public string? Audience { get; set; }

    /// <summary>Where the issuer's discovery document is, when not under the issuer URL.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>False only for a test issuer on loopback http.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The claim naming the principal (a Kubernetes service-account token's <c>sub</c> is <c>system:serviceaccount:NS:NAME</c>).</summary>
    public string PrincipalClaim { get; set; } = "sub";

    /// <summary>The claim listing the caller's roles.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The role in <see cref="RoleClaim"/> that makes a caller an admin.</summary>
    public string AdminRole { get; set; } = ApiKeyOptions.AdminRole;

    /// <summary>Principals that are admins whatever their token's roles (issuers such as Kubernetes' put no roles in tokens).</summary>
    public List<string> Admins { get; set; } = [];

    /// <summary>Tolerated clock difference with the issuer.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Issuer);
}
