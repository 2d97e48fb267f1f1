using Covid.Tests.Support;
using Covid.V1;

namespace Covid.Tests.Grpc.Auth;

/// <summary>Without keys or an issuer the server is for loopback only, unless told otherwise.</summary>
public sealed class AnonymousBindingTests
{
    [Fact]
    public async Task Start_OnAllAddressesWithoutCredentials_RefusesSayingWhy()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ServerHost.StartAsync(new ServerHostOptions
        {
            Settings = { ["urls"] = "http://0.0.0.0:0" },
        }));

        var message = error.GetBaseException().Message;
        Assert.Contains("Refusing to serve", message, StringComparison.Ordinal);
        Assert.Contains("Auth:AllowAnonymous=true", message, StringComparison.Ordinal);
        Assert.Contains("Auth:ApiKeys", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_OnAllAddressesWithAllowAnonymous_Serves()
    {
        await using var host = await ServerHost.StartAsync(new ServerHostOptions
        {
            Settings = { ["urls"] = "http://0.0.0.0:0", ["Auth:AllowAnonymous"] = "true" },
        });

        // Kestrel reports 0.0.0.0, which is no address to connect to; its port is open on loopback too.
        using var channel = global::Grpc.Net.Client.GrpcChannel.ForAddress(host.Channel.Target.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)
            is var target && target.Contains("://", StringComparison.Ordinal) ? target : "http://" + target);
        var listed = await new DatasetService.DatasetServiceClient(channel).ListDatasetsAsync(new ListDatasetsRequest(), cancellationToken: Timeouts.Token());

        Assert.NotEmpty(listed.Datasets);
    }

    [Fact]
    public async Task Loopback_WithoutCredentials_ServesTheAnonymousAdminWithReflection()
    {
        await using var host = await ServerHost.StartAsync();

        var submitted = await host.Analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample() }, cancellationToken: Timeouts.Token());

        Assert.Equal("anonymous", submitted.Owner);
        Assert.Contains(RawCalls.MappedMethods(host), m => m.ServiceName.StartsWith("grpc.reflection", StringComparison.Ordinal));
    }
}
