using System.Net;
using System.Net.Sockets;
using Covid.SparkJob.Errors;

namespace Covid.Server.Imports;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of imports: resolves the host itself and
/// connects only to addresses it may, so a name on the allow-list that resolves (or is rebound) to
/// loopback, a private network or the cloud metadata address is refused at the moment of connecting.
/// </summary>
public sealed class ImportAddressGuard(ImportHostPolicy policy)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var port = context.DnsEndPoint.Port;
        var entry = policy.Hosts.FirstOrDefault(h => string.Equals(h.Host.Trim('[', ']'), host, StringComparison.OrdinalIgnoreCase) && h.Port == port)
            ?? throw Refused($"{host}:{port} is not on this server's import allow-list (Data:ImportHosts)");
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(a => entry.Address is { } named ? Same(a, named) : NetworkAddresses.IsPublic(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw Refused($"{host} resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}, not a public address; " +
                "imports never connect to loopback, private, link-local or other non-public addresses unless Data:ImportHosts names that address");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static bool Same(IPAddress a, IPAddress b) =>
        (a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a).Equals(b.IsIPv4MappedToIPv6 ? b.MapToIPv4() : b);

    private static ServiceException Refused(string why) => new(ErrorCode.PermissionDenied, why + "; nothing was fetched");
}
