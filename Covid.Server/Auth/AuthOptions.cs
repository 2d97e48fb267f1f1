namespace Covid.Server.Auth;

/// <summary>Who may call (config section <c>Auth</c>): API keys, an OIDC issuer, or, on loopback only, anyone.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary><c>Auth:ApiKeys:{i}:Principal</c>, <c>:Hash</c> (from <c>covid admin hash-key</c>) and <c>:Role</c>.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary><c>Auth:Jwt:*</c>: bearer tokens from an OIDC issuer.</summary>
    public JwtOptions Jwt { get; set; } = new();

    /// <summary>
    /// Serve anonymous callers on a non-loopback address too. Without keys or an issuer the server
    /// otherwise refuses to start there: anyone who can reach the port could run and read everything.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>gRPC server reflection; default: on when anonymous, off once credentials are required.</summary>
    public bool? Reflection { get; set; }

    /// <summary>True when callers must present a credential.</summary>
    public bool RequiresCredentials => ApiKeys.Count > 0 || Jwt.IsConfigured;

    public bool ReflectionEnabled => Reflection ?? !RequiresCredentials;
}
