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

        var submitted = await analyses.SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample() }, cancellationToken: Timeouts.Token());

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
            var status = await RawCalls.CallAsync(invoker, method, Timeouts.Token());

            Assert.True(status.StatusCode == StatusCode.Unauthenticated, $"{method.FullName}: {status}");
            Assert.Contains(said, status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Token_WithTheAdminRole_SeesOtherPrincipalsAnalyses()
    {
        var submitted = await Analyses(issuer.Token("alice")).SubmitAnalysisAsync(new SubmitAnalysisRequest { Spec = Specs.IssueExample() }, cancellationToken: Timeouts.Token());

        var asAdmin = await Analyses(issuer.Token("ops", roles: ["admin"])).GetAnalysisAsync(new GetAnalysisRequest { Name = submitted.Name }, cancellationToken: Timeouts.Token());
        var asBob = await Assert.ThrowsAsync<RpcException>(() =>
            Analyses(issuer.Token("bob")).GetAnalysisAsync(new GetAnalysisRequest { Name = submitted.Name }, cancellationToken: Timeouts.Token()).ResponseAsync);

        Assert.Equal("alice", asAdmin.Owner);
        Assert.Equal(StatusCode.NotFound, asBob.StatusCode);
    }

    [Fact]
    public async Task Token_SignedWithARotatedKey_IsAcceptedOnceTheServerHasFetchedTheNewKey()
    {
        var datasets = new DatasetService.DatasetServiceClient(TestCredentials.As(host, issuer.Token("alice")));
        await datasets.ListDatasetsAsync(new ListDatasetsRequest(), cancellationToken: Timeouts.Token());
        var fetchedBefore = issuer.Fetches;

        issuer.RotateKey("rotated-key");
        var rotated = new DatasetService.DatasetServiceClient(TestCredentials.As(host, issuer.Token("alice")));
        // The key set fetched before the rotation is not trusted for ever: a token naming an unknown
        // key id makes the server fetch the issuer's keys again (in the background, so the first
        // call may still be refused, saying so); a retry a moment later is accepted.
        var refusals = new List<RpcException>();
        ListDatasetsResponse? listed = null;
        for (var attempt = 0; listed is null && attempt < 25; attempt++)
        {
            try
            {
                listed = await rotated.ListDatasetsAsync(new ListDatasetsRequest(), cancellationToken: Timeouts.Token());
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated)
            {
                refusals.Add(e);
                await Task.Delay(200);
            }
        }

        Assert.NotNull(listed);
        Assert.NotEmpty(listed.Datasets);
        Assert.True(refusals.Count <= 2, $"{refusals.Count} refusals before the rotated key was accepted");
        Assert.All(refusals, r => Assert.Contains("not among the issuer's keys", r.Status.Detail, StringComparison.Ordinal));
        Assert.True(issuer.Fetches > fetchedBefore, $"keys fetched {issuer.Fetches} times, {fetchedBefore} before the rotation");
    }

    [Fact]
    public async Task Token_WhenTheIssuerCannotBeReached_IsUnavailableNotABadSignature()
    {
        var gone = await TestIssuer.StartAsync();
        var token = gone.Token("alice");
        var settings = gone.Settings();
        await gone.DisposeAsync();
        await using var orphan = await ServerHost.StartAsync(new ServerHostOptions { Settings = settings });

        var error = await Assert.ThrowsAsync<RpcException>(() => new DatasetService.DatasetServiceClient(TestCredentials.As(orphan, token))
            .ListDatasetsAsync(new ListDatasetsRequest(), cancellationToken: Timeouts.Token(30)).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("issuer's keys cannot be fetched", error.Status.Detail, StringComparison.Ordinal);
    }
}
