using Covid.SparkJob.Errors;
using Microsoft.Extensions.Options;

namespace Covid.Server.Imports;

/// <summary>
/// Which URLs ImportDataset may fetch, checked before anything is fetched and again for every
/// redirect: http(s) only, no credentials in the URL, and the scheme, host and port on
/// <c>Data:ImportHosts</c>. Refusals name the reason; nothing is downloaded.
/// </summary>
public sealed class ImportHostPolicy
{
    private readonly IReadOnlyList<AllowedHost> hosts;

    public ImportHostPolicy(IOptions<ImportOptions> options)
    {
        var entries = options.Value.ImportHosts.Where(e => e.Trim().Length > 0).ToList();
        hosts = (entries.Count == 0 ? [ImportOptions.DefaultHost] : entries).Select(AllowedHost.Parse).ToList();
    }

    public IReadOnlyList<AllowedHost> Hosts => hosts;

    /// <summary>The allow-list entry <paramref name="url"/> falls under; INVALID_ARGUMENT or PERMISSION_DENIED otherwise.</summary>
    public AllowedHost Check(Uri url, string field = "url")
    {
        if (url.Scheme is not ("http" or "https"))
        {
            throw ServiceException.InvalidArgument(field, $"\"{url.Scheme}:\" URLs are not imported; only https (or http where the server allows it); nothing was fetched");
        }
        if (url.UserInfo.Length > 0)
        {
            throw ServiceException.InvalidArgument(field, "URLs with credentials (user:password@) are not imported; nothing was fetched");
        }
        var host = url.IdnHost.ToLowerInvariant();
        var sameHost = hosts.Where(h => string.Equals(h.Host, host, StringComparison.OrdinalIgnoreCase)).ToList();
        if (sameHost.Count == 0)
        {
            throw new ServiceException(ErrorCode.PermissionDenied,
                $"{host} is not a host this server imports from (Data:ImportHosts: {string.Join(", ", hosts.Select(h => h.Host))}); nothing was fetched");
        }
        return sameHost.FirstOrDefault(h => h.Allows(url)) ?? throw new ServiceException(ErrorCode.PermissionDenied,
            $"{url.Scheme}://{host}:{url.Port} is not allowed: this server imports from {string.Join(", ", sameHost)} (Data:ImportHosts); nothing was fetched");
    }
}
