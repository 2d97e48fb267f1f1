using System.Net;
using System.Net.Sockets;

namespace Covid.Server.Imports;

/// <summary>
/// Which addresses are public internet ones. Everything else — loopback, private, carrier-grade
/// NAT, link-local (169.254.0.0/16, where cloud metadata lives; fe80::/10), unique-local
/// (fc00::/7), unspecified, multicast, documentation and reserved ranges — is refused for imports,
/// and an IPv4 address hidden in IPv6 (mapped, NAT64, 6to4) is judged as the IPv4 address it is.
/// </summary>
public static class NetworkAddresses
{
    private static readonly (IPAddress Network, int Prefix)[] NonPublic =
    [
        .. Parse("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
            "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "::/96", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8"),
    ];

    public static bool IsPublic(IPAddress address)
    {
        if (EmbeddedIPv4(address) is { } v4)
        {
            return IsPublic(v4);
        }
        return !NonPublic.Any(n => n.Network.AddressFamily == address.AddressFamily && InNetwork(address, n.Network, n.Prefix));
    }

    /// <summary>The IPv4 address inside an IPv4-mapped (::ffff:0:0/96), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address.</summary>
    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }
        var bytes = address.GetAddressBytes();
        if (bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b && bytes[4..12].All(b => b == 0))
        {
            return new IPAddress(bytes[12..16]);
        }
        return bytes[0] == 0x20 && bytes[1] == 0x02 ? new IPAddress(bytes[2..6]) : null;
    }

    private static bool InNetwork(IPAddress address, IPAddress network, int prefix)
    {
        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        for (var bit = 0; bit < prefix; bit++)
        {
            var mask = 0x80 >> (bit % 8);
            if ((a[bit / 8] & mask) != (n[bit / 8] & mask))
            {
                return false;
            }
        }
        return true;
    }

    private static IEnumerable<(IPAddress, int)> Parse(params string[] networks) =>
        networks.Select(n => n.Split('/')).Select(p => (IPAddress.Parse(p[0]), int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)));
}
