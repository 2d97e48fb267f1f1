namespace Covid.Server.Telemetry;

/// <summary>Where traces, metrics and logs go (<c>Telemetry:</c>); nothing is exported unless asked for.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>The service name on every span, metric and log record.</summary>
    public string ServiceName { get; set; } = "covid-analysis";

    /// <summary>
    /// An OTLP collector (e.g. <c>http://otel-collector:4317</c>) to send traces, metrics and logs to;
    /// empty: none, unless the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable names one.
    /// </summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary><c>grpc</c> or <c>http/protobuf</c> (then the endpoint is the collector's base URL, e.g. port 4318).</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>
    /// The port Prometheus scrapes <c>/metrics</c> on over HTTP/1.1, a listener of its own apart from
    /// the gRPC port (Prometheus' convention is 9464); 0: no scrape endpoint.
    /// </summary>
    public int PrometheusPort { get; set; }

    /// <summary>The scrape listener's host: <c>localhost</c>, or <c>*</c> (or <c>+</c>) for every IPv4 interface (in a pod).</summary>
    public string PrometheusHost { get; set; } = "localhost";
}
