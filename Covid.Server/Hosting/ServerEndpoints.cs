using Covid.Server.Grpc;
using Microsoft.AspNetCore.Hosting;

namespace Covid.Server.Hosting;

/// <summary>
/// The Kestrel endpoints when REST over HTTP/1.1 is asked for (<c>Rest:Http1Urls</c>). Kestrel binds
/// either the host's addresses (<c>--urls</c>) or its configured endpoints, never both, so the
/// <c>--urls</c> addresses become configured endpoints (HTTP/2, from Kestrel:EndpointDefaults) and the
/// HTTP/1.1 ones are added beside them, all through Kestrel's own configuration (certificates for
/// https:// included). Without <c>Rest:Http1Urls</c> there is nothing to change.
/// </summary>
public static class ServerEndpoints
{
    /// <summary>The configuration entries that declare the endpoints, or null when <c>--urls</c> alone serves.</summary>
    public static Dictionary<string, string?>? Plan(IConfiguration configuration)
    {
        var http1 = Split(configuration.GetSection(RestOptions.Section).Get<RestOptions>()?.Http1Urls);
        if (http1.Count == 0)
        {
            return null;
        }

        var endpoints = new Dictionary<string, string?>(StringComparer.Ordinal);
        // Endpoints the operator configured in Kestrel:Endpoints are left as they are.
        if (!configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            var urls = Split(configuration[WebHostDefaults.ServerUrlsKey]);
            if (urls.Count == 0)
            {
                urls.Add("http://localhost:5000");   // Kestrel's own default address
            }
            for (var i = 0; i < urls.Count; i++)
            {
                endpoints[$"Kestrel:Endpoints:grpc{i}:Url"] = urls[i];
            }
        }
        for (var i = 0; i < http1.Count; i++)
        {
            endpoints[$"Kestrel:Endpoints:http1-{i}:Url"] = http1[i];
            endpoints[$"Kestrel:Endpoints:http1-{i}:Protocols"] = "Http1";
        }
        return endpoints;
    }

    private static List<string> Split(string? urls) =>
        (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
