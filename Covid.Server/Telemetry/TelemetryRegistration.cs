using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Covid.Server.Telemetry;

/// <summary>
/// OpenTelemetry for the whole service: the spans and meters named by <see cref="CovidDiagnostics"/>
/// (and ASP.NET Core's request spans, so a submit's trace starts at its RPC) go to an OTLP collector
/// when one is configured, the metrics also to a Prometheus scrape endpoint, and log records (with
/// their scopes, which carry the analysis id) to the collector beside the console.
/// </summary>
public static class TelemetryRegistration
{
    public static WebApplicationBuilder AddCovidTelemetry(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = OtlpEndpoint(options);
        var protocol = Protocol(options.OtlpProtocol);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(options.ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(CovidDiagnostics.Name).AddAspNetCoreInstrumentation();
                if (otlp is not null)
                {
                    tracing.AddOtlpExporter(o => Configure(o, otlp, protocol, "v1/traces"));
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(CovidDiagnostics.Name).AddAspNetCoreInstrumentation();
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => Configure(o, otlp, protocol, "v1/metrics"));
                }
                if (options.PrometheusPort > 0)
                {
                    metrics.AddPrometheusHttpListener(o => ListenOn(o, options));
                }
            });
        if (otlp is not null)
        {
            telemetry.WithLogging(logging => logging.AddOtlpExporter(o => Configure(o, otlp, protocol, "v1/logs")),
                logs => logs.IncludeScopes = true);
        }
        return builder;
    }

    private static void ListenOn(PrometheusHttpListenerOptions listener, TelemetryOptions options)
    {
        listener.Port = options.PrometheusPort;
        if (options.PrometheusHost is not ("*" or "+"))
        {
            listener.Host = options.PrometheusHost;
            return;
        }
        // HttpListener's wildcard (every IPv4 interface, any Host header: a pod scraped at its IP) is
        // not a host name, which Host must be (the exporter builds a Uri of it): the prefix is replaced instead.
        listener.ConfigureHttpListener = (o, http) =>
        {
            http.Prefixes.Clear();
            http.Prefixes.Add($"http://{options.PrometheusHost}:{o.Port}{(o.ScrapeEndpointPath ?? "/metrics").TrimEnd('/')}/");
        };
    }

    private static Uri? OtlpEndpoint(TelemetryOptions options)
    {
        var endpoint = options.OtlpEndpoint.Length > 0 ? options.OtlpEndpoint : Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (string.IsNullOrEmpty(endpoint))
        {
            return null;
        }
        return Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new InvalidOperationException($"Telemetry:OtlpEndpoint must be an http(s) URL, got \"{endpoint}\"");
    }

    private static OtlpExportProtocol Protocol(string name) => name switch
    {
        "grpc" => OtlpExportProtocol.Grpc,
        "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
        _ => throw new InvalidOperationException($"Telemetry:OtlpProtocol must be grpc or http/protobuf, got \"{name}\""),
    };

    // Over HTTP each signal has its own path under the collector's base URL, as the OTLP specification's
    // OTEL_EXPORTER_OTLP_ENDPOINT does; over gRPC the one address serves them all.
    private static void Configure(OtlpExporterOptions o, Uri endpoint, OtlpExportProtocol protocol, string signalPath)
    {
        o.Protocol = protocol;
        o.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf ? new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath) : endpoint;
    }
}
