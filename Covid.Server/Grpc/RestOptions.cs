namespace Covid.Server.Grpc;

/// <summary>The REST surface (config section <c>Rest</c>): JSON transcoding of the gRPC services and its OpenAPI document.</summary>
public sealed class RestOptions
{
    public const string Section = "Rest";

    /// <summary>
    /// Extra addresses (semicolon-separated, like <c>--urls</c>) that serve REST over HTTP/1.1.
    /// Kestrel picks a cleartext connection's protocol per endpoint, and on .NET 10 an
    /// <c>Http1AndHttp2</c> endpoint without TLS is HTTP/1.1 only, so h2c gRPC and HTTP/1.1 need
    /// two ports; REST is also served on the gRPC port itself over HTTP/2.
    /// </summary>
    public string Http1Urls { get; set; } = "";

    /// <summary>Where the OpenAPI document is served.</summary>
    public const string OpenApiPath = "/openapi/v1.json";
}
