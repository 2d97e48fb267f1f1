using Covid.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Covid.Client;

/// <summary>
/// A typed client of a covid-analysis server: submit analyses and follow them through their
/// <see cref="AnalysisHandle"/>, fetch results and charts, and load datasets. Every failure is a
/// <see cref="CovidException"/> (or one of its kinds). Thread-safe; make one and share it, or take
/// one from <c>services.AddCovidClient(…)</c>.
/// </summary>
public sealed partial class CovidClient : IDisposable, IAsyncDisposable
{
    private readonly GrpcChannel? ownedChannel;
    private readonly CovidClientOptions options;
    private readonly AnalysisService.AnalysisServiceClient analyses;
    private readonly DatasetService.DatasetServiceClient datasets;

    /// <summary>Connects to a server address such as "http://127.0.0.1:5000" with default options.</summary>
    /// <exception cref="CovidException">The address is not a valid http(s) URL (InvalidArgument).</exception>
    public CovidClient(string address)
        : this(address, new CovidClientOptions())
    {
    }

    /// <summary>Connects to <paramref name="address"/> (instead of <see cref="CovidClientOptions.Address"/>) with the given options.</summary>
    /// <exception cref="CovidException">The address is not a valid http(s) URL (InvalidArgument).</exception>
    public CovidClient(string address, CovidClientOptions options)
        : this(CreateChannel(address, options ?? throw new ArgumentNullException(nameof(options))), options, owned: true)
    {
    }

    /// <summary>Connects to <see cref="CovidClientOptions.Address"/> with the given options.</summary>
    /// <exception cref="CovidException">The address is not a valid http(s) URL (InvalidArgument).</exception>
    public CovidClient(CovidClientOptions options)
        : this(options?.Address ?? throw new ArgumentNullException(nameof(options)), options)
    {
    }

    /// <summary>Uses a channel the caller configured and keeps owning (it is not disposed here).</summary>
    public CovidClient(GrpcChannel channel)
        : this(channel ?? throw new ArgumentNullException(nameof(channel)), new CovidClientOptions(), owned: false)
    {
    }

    private CovidClient(GrpcChannel channel, CovidClientOptions options, bool owned)
        : this(channel.CreateCallInvoker(), options, channel.Target)
    {
        ownedChannel = owned ? channel : null;
    }

    /// <summary>Over a call invoker someone else owns: the gRPC client factory's (<c>AddCovidClient</c>).</summary>
    internal CovidClient(CallInvoker invoker, CovidClientOptions options, string address)
    {
        this.options = options;
        Address = address;
        analyses = new AnalysisService.AnalysisServiceClient(invoker);
        datasets = new DatasetService.DatasetServiceClient(invoker);
    }

    /// <summary>The server address this client talks to.</summary>
    public string Address { get; }

    /// <summary>The retry settings, which progress streams follow too.</summary>
    internal CovidRetryOptions Retry => options.Retry;

    /// <inheritdoc />
    public void Dispose() => ownedChannel?.Dispose();

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

    /// <summary>The channel options both ways of making a client share (the factory's gets them in AddCovidClient).</summary>
    internal static void Configure(GrpcChannelOptions channel, CovidClientOptions options)
    {
        channel.MaxReceiveMessageSize = options.MaxReceiveMessageBytes;
        channel.MaxSendMessageSize = options.MaxSendMessageBytes;
    }

    private static GrpcChannel CreateChannel(string address, CovidClientOptions options)
    {
        var uri = ParseAddress(address);
        HttpMessageHandler handler = ClientHandlers.Primary(options);
        if (options.HasCredential)
        {
            handler = new BearerHandler(options) { InnerHandler = handler };
        }
        var channel = new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true };
        Configure(channel, options);
        return GrpcChannel.ForAddress(uri, channel);
    }

    /// <summary>
    /// Runs a unary call under the default deadline (retries included), retrying an idempotent one
    /// on UNAVAILABLE with jittered backoff, and translates its failure.
    /// </summary>
    private async Task<T> Unary<T>(Func<CallOptions, AsyncUnaryCall<T>> start, bool idempotent, CancellationToken cancellationToken,
        bool bounded = true, bool spec = false)
    {
        DateTime? deadline = bounded && options.HasDeadline ? DateTime.UtcNow + options.DefaultDeadline : null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var call = start(new CallOptions(deadline: deadline, cancellationToken: cancellationToken));
                return await call.ResponseAsync.ConfigureAwait(false);
            }
            catch (RpcException e) when (idempotent && e.StatusCode == StatusCode.Unavailable && attempt < options.Retry.MaxAttempts
                && !cancellationToken.IsCancellationRequested && Fits(deadline, options.Retry.Backoff(attempt + 1)) is { } wait)
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException e)
            {
                throw RpcErrors.Translate(e, cancellationToken, spec);
            }
        }
    }

    /// <summary>The wait, if another attempt after it still has time before the deadline.</summary>
    private static TimeSpan? Fits(DateTime? deadline, TimeSpan wait) =>
        deadline is { } d && DateTime.UtcNow + wait >= d ? null : wait;

    private static CallOptions Streaming(CancellationToken cancellationToken) => new(cancellationToken: cancellationToken);
}
