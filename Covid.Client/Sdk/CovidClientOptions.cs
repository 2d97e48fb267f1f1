namespace Covid.Client;

/// <summary>
/// How a <see cref="CovidClient"/> connects, beyond the address. Today: the credential it sends
/// (<c>authorization: Bearer …</c>) — an API key, or a provider of bearer tokens (e.g. read from a
/// projected service-account token file, or fetched from an OIDC issuer) asked before every call.
/// </summary>
public sealed class CovidClientOptions
{
    /// <summary>An API key issued by the server's operator; null for none.</summary>
    public string? ApiKey { get; init; }

    /// <summary>
    /// Returns the bearer token for the next call (called before every call, so it may refresh);
    /// used when <see cref="ApiKey"/> is null.
    /// </summary>
    public Func<CancellationToken, ValueTask<string>>? TokenProvider { get; init; }

    internal bool HasCredential => !string.IsNullOrEmpty(ApiKey) || TokenProvider is not null;
}
