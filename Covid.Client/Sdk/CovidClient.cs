using Covid.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Covid.Client;

/// <summary>
/// A typed client of a covid-analysis server: submit analyses, follow their progress, fetch
/// results and charts, and load datasets. Every failure is a <see cref="CovidException"/>.
/// </summary>
public sealed partial class CovidClient : IDisposable, IAsyncDisposable
{
    private readonly GrpcChannel channel;
    private readonly bool ownsChannel;
    private readonly AnalysisService.AnalysisServiceClient analyses;
    private readonly DatasetService.DatasetServiceClient datasets;

    /// <summary>
    /// Connects to a server address such as "http://127.0.0.1:5000" (plain http means HTTP/2
    /// without TLS) or "https://covid.example.org"; "host:port" alone means http.
    /// </summary>
    /// <exception cref="CovidException">The address is not a valid http(s) URL (InvalidArgument).</exception>
    public CovidClient(string address)
        : this(address, new CovidClientOptions())
    {
    }

    /// <summary>Connects to <paramref name="address"/> as <see cref="CovidClient(string)"/> does, with the given options (e.g. an API key).</summary>
    /// <exception cref="CovidException">The address is not a valid http(s) URL (InvalidArgument).</exception>
    public CovidClient(string address, CovidClientOptions options)
        : this(CreateChannel(address, options ?? throw new ArgumentNullException(nameof(options))), ownsChannel: true)
    {
    }

    /// <summary>Uses a channel the caller configured and keeps owning (it is not disposed here).</summary>
    public CovidClient(GrpcChannel channel)
        : this(channel ?? throw new ArgumentNullException(nameof(channel)), ownsChannel: false)
    {
    }

    private CovidClient(GrpcChannel channel, bool ownsChannel)
    {
        this.channel = channel;
        this.ownsChannel = ownsChannel;
        analyses = new AnalysisService.AnalysisServiceClient(channel);
        datasets = new DatasetService.DatasetServiceClient(channel);
    }

    /// <summary>The server address this client talks to.</summary>
    public string Address => channel.Target;

    /// <inheritdoc />
    public void Dispose()
    {
        if (ownsChannel)
        {
            channel.Dispose();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Parses and checks an address, so a typo fails here with a clear message, not at the first call.</summary>
    internal static Uri ParseAddress(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var text = address.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "http://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            throw new CovidException(StatusCode.InvalidArgument, $"The server address '{address}' is not an http:// or https:// URL (e.g. http://127.0.0.1:5000).");
        }

        return uri;
    }

    private static GrpcChannel CreateChannel(string address, CovidClientOptions options) =>
        GrpcChannel.ForAddress(ParseAddress(address), new GrpcChannelOptions
        {
            // The credential rides on every HTTP/2 request, plain http (loopback, in-cluster h2c) included.
            HttpHandler = options.HasCredential ? new BearerHandler(options) : null,
            DisposeHttpClient = true,
        });

    /// <summary>Awaits a unary call, translating its failure.</summary>
    private static async Task<T> Call<T>(AsyncUnaryCall<T> call, CancellationToken cancellationToken)
    {
        using (call)
        {
            try
            {
                return await call.ResponseAsync.ConfigureAwait(false);
            }
            catch (RpcException e)
            {
                throw RpcErrors.Translate(e, cancellationToken);
            }
        }
    }
}
