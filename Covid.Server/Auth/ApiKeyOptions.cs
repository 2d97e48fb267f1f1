namespace Covid.Server.Auth;

/// <summary>One API key: only its salted hash is configured, never the key.</summary>
public sealed class ApiKeyOptions
{
    public const string UserRole = "user";
    public const string AdminRole = "admin";

    /// <summary>Who calls with this key: the owner of what it creates.</summary>
    public string Principal { get; set; } = "";

    /// <summary><c>sha256:SALT:HASH</c>, as printed by <c>covid admin hash-key KEY</c>.</summary>
    public string Hash { get; set; } = "";

    /// <summary><c>user</c> (default) or <c>admin</c>.</summary>
    public string Role { get; set; } = UserRole;
}
