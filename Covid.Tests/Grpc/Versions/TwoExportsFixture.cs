using Covid.Tests.Support;
using Covid.V1;

namespace Covid.Tests.Grpc.Versions;

/// <summary>One server with the two shared 9mfq-cb36 exports loaded as versions 1 and 2 of <see cref="Vintages.Name"/>.</summary>
public sealed class TwoExportsFixture : IAsyncLifetime
{
    private ServerHost? host;

    public ServerHost Host => host ?? throw new InvalidOperationException("the server has not started");

    public Dataset First { get; private set; } = null!;

    public Dataset Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        host = await ServerHost.StartAsync();
        (First, Second) = await Vintages.LoadBothAsync(host.Datasets, Timeouts.Token(120));
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}
