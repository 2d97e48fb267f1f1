using System.Net;
using Covid.SparkJob.Errors;

namespace Covid.Server.Imports;

/// <summary>
/// The HTTP client of imports: no proxy (the address guard must see the real destination), and
/// redirects followed by hand so each hop passes <see cref="ImportHostPolicy"/> and, when it
/// connects, <see cref="ImportAddressGuard"/> — an allowed host cannot bounce the server elsewhere.
/// </summary>
public sealed class GuardedImportClient : IDisposable
{
    public const int MaxRedirects = 5;

    private readonly ImportHostPolicy policy;
    private readonly HttpClient http;

    public ImportHostPolicy Policy => policy;

    public GuardedImportClient(ImportHostPolicy policy, ImportAddressGuard guard)
    {
        this.policy = policy;
        http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, ConnectCallback = guard.ConnectAsync })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The response to GET <paramref name="url"/> after its redirects; refusals are ServiceExceptions.</summary>
    public async Task<HttpResponseMessage> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        for (var hop = 0; ; hop++)
        {
            policy.Check(url);
            HttpResponseMessage response;
            try
            {
                response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException ex) when (ex.InnerException is ServiceException refused)
            {
                throw refused;
            }
            if (!IsRedirect(response.StatusCode))
            {
                return response;
            }
            var location = response.Headers.Location;
            response.Dispose();
            if (location is null || hop == MaxRedirects)
            {
                throw new ServiceException(ErrorCode.FailedPrecondition,
                    location is null ? $"{url} redirects without a Location; nothing was imported" : $"{url} redirected more than {MaxRedirects} times; nothing was imported");
            }
            url = new Uri(url, location);
        }
    }

    private static bool IsRedirect(HttpStatusCode code) =>
        code is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    public void Dispose() => http.Dispose();
}
