using System.Security.Cryptography.X509Certificates;

namespace Covid.Client;

/// <summary>
/// How a <see cref="CovidClient"/> connects: the server's address, the credential it sends
/// (<c>authorization: Bearer …</c>), TLS trust, a default deadline, retries and message sizes.
/// Used by <see cref="CovidClient(CovidClientOptions)"/> and by <c>services.AddCovidClient(…)</c>.
/// </summary>
public sealed class CovidClientOptions
{
    /// <summary>
    /// The server, e.g. "http://127.0.0.1:5000" (plain http is HTTP/2 without TLS) or
    /// "https://covid.example.org"; "host:port" alone means http. Default: env COVID_SERVER, else http://127.0.0.1:5000.
    /// </summary>
    public string Address { get; set; } = Environment.GetEnvironmentVariable("COVID_SERVER") is { Length: > 0 } fromEnv ? fromEnv : "http://127.0.0.1:5000";

    /// <summary>An API key issued by the server's operator; null for none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Returns the bearer token for the next call (asked before every call, so it may refresh, e.g.
    /// a projected service-account token file or an OIDC access token); used when <see cref="ApiKey"/> is null.
    /// </summary>
    public Func<CancellationToken, ValueTask<string>>? TokenProvider { get; set; }

    /// <summary>
    /// Certificates to trust for an https:// server besides the system's roots: a private CA, or
    /// the server's own self-signed certificate. Empty: the system's roots only.
    /// </summary>
    public X509Certificate2Collection TrustedCertificates { get; } = [];

    /// <summary>A client certificate to present over TLS (a gateway that wants mutual TLS); null for none.</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>
    /// How long a unary call may take, retries included, unless the caller's token ends it first
    /// (ImportDataset, which downloads on the server, and streams are not bounded by it).
    /// <see cref="Timeout.InfiniteTimeSpan"/>: no deadline.
    /// </summary>
    public TimeSpan DefaultDeadline { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries of idempotent calls that fail UNAVAILABLE (and resumption of progress streams).</summary>
    public CovidRetryOptions Retry { get; set; } = new();

    /// <summary>The largest message this client accepts; results of up to 100,000 rows exceed gRPC's default 4 MB.</summary>
    public int MaxReceiveMessageBytes { get; set; } = 256 * 1024 * 1024;

    /// <summary>The largest message this client sends (the server's own limit is Limits:MaxMessageBytes, 4 MiB by default).</summary>
    public int MaxSendMessageBytes { get; set; } = 4 * 1024 * 1024;

    internal bool HasCredential => !string.IsNullOrEmpty(ApiKey) || TokenProvider is not null;

    internal bool HasDeadline => DefaultDeadline != Timeout.InfiniteTimeSpan && DefaultDeadline > TimeSpan.Zero;
}
