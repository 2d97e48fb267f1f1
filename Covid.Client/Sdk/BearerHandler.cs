using System.Net.Http.Headers;

namespace Covid.Client;

/// <summary>Adds the configured credential to every HTTP/2 request a channel sends, plain http (loopback, in-cluster h2c) included.</summary>
internal sealed class BearerHandler(CovidClientOptions options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var credential = !string.IsNullOrEmpty(options.ApiKey)
            ? options.ApiKey
            : await options.TokenProvider!(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential.Trim());
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
