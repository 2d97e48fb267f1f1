using System.Net;
using System.Net.Sockets;
using Covid.Tests.Support;
using Covid.V1;
using Grpc.Core;

namespace Covid.Tests.Grpc.Limits;

/// <summary>
/// ImportDataset never reaches what it must not: a loopback listener counts connections, and the
/// server connects to it only when the test configuration names exactly that address.
/// </summary>
public sealed class SafeImportTests : IAsyncLifetime
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly TcpListener other = new(IPAddress.Loopback, 0);
    private int connections;
    private int otherConnections;

    private int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    private int OtherPort => ((IPEndPoint)other.LocalEndpoint).Port;

    public Task InitializeAsync()
    {
        listener.Start();
        other.Start();
        _ = Serve(listener, () => Interlocked.Increment(ref connections), $"HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:{OtherPort}/x.csv\r\nContent-Length: 0\r\n\r\n");
        _ = Serve(other, () => Interlocked.Increment(ref otherConnections), "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        listener.Stop();
        other.Stop();
        return Task.CompletedTask;
    }

    private static async Task Serve(TcpListener server, Action counted, string answer)
    {
        try
        {
            while (true)
            {
                using var client = await server.AcceptTcpClientAsync();
                counted();
                var stream = client.GetStream();
                var buffer = new byte[4096];
                _ = await stream.ReadAsync(buffer);
                await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(answer));
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            // The listener stopped.
        }
    }

    private static async Task<RpcException> ImportFails(ServerHost host, string url) =>
        await Assert.ThrowsAsync<RpcException>(() => host.Datasets.ImportDatasetAsync(
            new ImportDatasetRequest { Name = "imported", Schema = "cdc-cases-deaths-by-state", Url = url }, cancellationToken: Timeouts.Token()).ResponseAsync);

    [Theory]
    [InlineData("http://127.0.0.1:{port}/x.csv", "not a host this server imports from")]
    [InlineData("http://localhost:{port}/x.csv", "not a host this server imports from")]
    [InlineData("https://data.cdc.gov:{port}/x.csv", "is not allowed")]
    [InlineData("http://data.cdc.gov/x.csv", "is not allowed")]
    [InlineData("https://user:secret@data.cdc.gov/x.csv", "credentials")]
    [InlineData("file:///etc/passwd", "not an http or https URL")]
    [InlineData("ftp://data.cdc.gov/x.csv", "not an http or https URL")]
    public async Task Import_ByDefault_RefusesAndConnectsNowhere(string url, string reason)
    {
        await using var host = await ServerHost.StartAsync();

        var error = await ImportFails(host, url.Replace("{port}", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.True(error.StatusCode is StatusCode.PermissionDenied or StatusCode.InvalidArgument, error.ToString());
        Assert.Contains(reason, error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, connections);
    }

    [Fact]
    public async Task Import_AllowedNameResolvingToLoopback_IsRefusedAtConnectTime()
    {
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Settings = { ["Data:ImportHosts:0"] = $"http://localhost:{Port}" } });

        var error = await ImportFails(host, $"http://localhost:{Port}/x.csv");

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("not a public address", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, connections);
    }

    [Fact]
    public async Task Import_AllowedAddress_ConnectsButARedirectElsewhereIsRefused()
    {
        await using var host = await ServerHost.StartAsync(new ServerHostOptions { Settings = { ["Data:ImportHosts:0"] = $"http://127.0.0.1:{Port}" } });

        var error = await ImportFails(host, $"http://127.0.0.1:{Port}/x.csv");

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains($"127.0.0.1:{OtherPort} is not allowed", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(1, connections);
        Assert.Equal(0, otherConnections);
    }
}
