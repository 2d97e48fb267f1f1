using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Covid.Server.Auth;

/// <summary>
/// Refuses to serve without credentials on anything but loopback (unless <c>Auth:AllowAnonymous</c>):
/// once Kestrel has bound, every address it listens on is checked, and the start fails naming it.
/// </summary>
public sealed class AnonymousBindingCheck(IServer server, IOptions<AuthOptions> options) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var auth = options.Value;
        if (auth.RequiresCredentials || auth.AllowAnonymous)
        {
            return Task.CompletedTask;
        }
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var exposed = addresses.Where(a => !IsLoopback(a)).ToList();
        if (exposed.Count > 0)
        {
            throw new InvalidOperationException(
                $"Refusing to serve {string.Join(", ", exposed)} without authentication: anyone who can reach it could run analyses and read or replace data. " +
                "Configure Auth:ApiKeys (covid admin hash-key) or Auth:Jwt:Issuer, listen on loopback only (--urls http://127.0.0.1:5000), " +
                "or set Auth:AllowAnonymous=true to accept anonymous callers from the network.");
        }
        return Task.CompletedTask;
    }

    public static bool IsLoopback(string address)
    {
        if (!Uri.TryCreate(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal),
                UriKind.Absolute, out var uri))
        {
            return false;
        }
        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IsLoopback(ip));
    }

    public static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
