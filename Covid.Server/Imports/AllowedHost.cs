using System.Net;

namespace Covid.Server.Imports;

/// <summary>One entry of the import allow-list: a scheme, a host and a port.</summary>
public sealed record AllowedHost(string Scheme, string Host, int Port)
{
    /// <summary>The host is an IP address the operator wrote down: it may be a non-public one.</summary>
    public IPAddress? Address => IPAddress.TryParse(Host.Trim('[', ']'), out var ip) ? ip : null;

    public static AllowedHost Parse(string entry)
    {
        var text = entry.Trim();
        var withScheme = text.Contains("://", StringComparison.Ordinal) ? text : "https://" + text;
        if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.Host.Length == 0 || uri.PathAndQuery is not ("/" or "") || uri.UserInfo.Length > 0)
        {
            throw new InvalidOperationException($"Data:ImportHosts: \"{entry}\" is not HOST, https://HOST[:PORT] or http://HOST[:PORT]");
        }
        return new AllowedHost(uri.Scheme, uri.IdnHost.ToLowerInvariant(), uri.Port);
    }

    public static bool IsValid(string entry)
    {
        try
        {
            Parse(entry);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public bool Allows(Uri url) =>
        url.Scheme == Scheme && string.Equals(url.IdnHost, Host, StringComparison.OrdinalIgnoreCase) && url.Port == Port;

    public override string ToString() => $"{Scheme}://{Host}:{Port}";
}
