namespace Covid.Server.Auth;

/// <summary>The claims the edge reads to know who calls, whichever credential it was.</summary>
public static class CovidClaims
{
    /// <summary>Present (value "true") when the caller is an admin.</summary>
    public const string Admin = "covid:admin";

    /// <summary>The principal's name, the same claim type for API keys and tokens.</summary>
    public const string Principal = "covid:principal";
}
