using Grpc.Net.ClientFactory;
using Microsoft.Extensions.DependencyInjection;

namespace Covid.Client;

/// <summary>Registers <see cref="CovidClient"/> with dependency injection, through the gRPC client factory.</summary>
public static class CovidClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds a <see cref="CovidClient"/> (transient, over one pooled channel) configured by
    /// <paramref name="configure"/>. Returns the HttpClient builder, so handlers added with
    /// <c>AddHttpMessageHandler</c> (logging, resilience, a proxy's auth) run on every call, after the
    /// client's own credential handler.
    /// </summary>
    public static IHttpClientBuilder AddCovidClient(this IServiceCollection services, Action<CovidClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new CovidClientOptions();
        configure(options);
        var address = CovidClient.ParseAddress(options.Address);
        var builder = services.AddGrpcClient<CovidClient>(o => o.Address = address)
            .ConfigureChannel(channel => CovidClient.Configure(channel, options))
            .ConfigurePrimaryHttpMessageHandler(() => ClientHandlers.Primary(options))
            .ConfigureGrpcClientCreator((_, invoker) => new CovidClient(invoker, options, address.ToString().TrimEnd('/')));
        if (options.HasCredential)
        {
            builder.AddHttpMessageHandler(() => new BearerHandler(options));
        }
        return builder;
    }
}
