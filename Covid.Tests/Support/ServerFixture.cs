namespace Covid.Tests.Support;

/// <summary>
/// One real server (seeded with the real 2021-05-30 CDC export) shared by the tests of a class
/// (xunit runs a class's tests one at a time).
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private ServerHost? host;

    public ServerHost Host => host ?? throw new InvalidOperationException("the server has not started");

    /// <summary>The server's http:// address, as a user passes it to --server.</summary>
    public string Address => Host.Address;

    public async Task InitializeAsync() => host = await ServerHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}
