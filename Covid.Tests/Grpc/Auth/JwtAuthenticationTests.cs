using Covid.Tests.Server;
using Covid.Tests.Support;
using Covid.V1;
using Grpc.Core;

namespace Covid.Tests.Grpc.Auth;

/// <summary>Bearer tokens from an OIDC issuer served on loopback, with a signing key the test made.</summary>
public sealed class JwtAuthenticationTests : IAsyncLifetime
{
    private TestIssuer issuer = null!;
    private ServerHost host = null!;

    public async Task InitializeAsync()
    {
        issuer = await TestIssuer.StartAsync();
        host = await ServerHost.StartAsync(new ServerHostOptions { Settings = issuer.Settings() });
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await issuer.DisposeAsync();
    }

    private AnalysisService.AnalysisServiceClient Analyses(string token) => new(TestCredentials.As(host, token));

    [Fact]
    public async Task Submit_WithAValidToken_IsOwnedByItsSubject()
    {
        var analyses = Analyses(issuer.Token("system:serviceaccount:team-a:notebook"));

        var submitted = await analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = ServerSpecs.Example() }, cancellationToken: ServerSpecs.Timeout());

        Assert.Equal("system:serviceaccount:team-a:notebook", submitted.Owner);
    }

    [Theory]
    [InlineData("expired", "expired")]
    [InlineData("foreign-key", "signature")]
    [InlineData("audience", "audience")]
    [InlineData("garbage", "bearer token")]
    public async Task EveryMappedRpc_WithABadToken_IsUnauthenticatedSayingWhy(string kind, string said)
    {
        var token = kind switch
        {
            "expired" => issuer.Token("alice", lifetime: TimeSpan.FromHours(-1)),
            "foreign-key" => issuer.Token("alice", foreignKey: true),
            "audience" => issuer.Token("alice", audience: "someone-else"),
            _ => "eyJub3QiOiJqc29uIn0.eyJub3QiOiJqc29uIn0.c2ln",
        };
        var invoker = TestCredentials.As(host, token);
        foreach (var method in RawCalls.MappedMethods(host).Where(m => m.ServiceName != "grpc.health.v1.Health"))
        {
            var status = await RawCalls.CallAsync(invoker, method, ServerSpecs.Timeout());

            Assert.True(status.StatusCode == StatusCode.Unauthenticated, $"{method.FullName}: {status}");
            Assert.Contains(said, status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Token_WithTheAdminRole_SeesOtherPrincipalsAnalyses()
    {
        var submitted = await Analyses(issuer.Token("alice")).SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = ServerSpecs.Example() }, cancellationToken: ServerSpecs.Timeout());

        var asAdmin = await Analyses(issuer.Token("ops", roles: ["admin"])).GetAnalysisAsync(new GetAnalysisRequest { Name = submitted.Name }, cancellationToken: ServerSpecs.Timeout());
        var asBob = await Assert.ThrowsAsync<RpcException>(() =>
            Analyses(issuer.Token("bob")).GetAnalysisAsync(new GetAnalysisRequest { Name = submitted.Name }, cancellationToken: ServerSpecs.Timeout()).ResponseAsync);

        Assert.Equal("alice", asAdmin.Owner);
        Assert.Equal(StatusCode.NotFound, asBob.StatusCode);
    }
}
