using Covid.Tests.Support;
using Covid.V1;
using Grpc.Core;
using Grpc.Health.V1;

namespace Covid.Tests.Grpc.Auth;

/// <summary>A server with API keys: every RPC it maps (found by walking its endpoints, not listed by hand) needs one.</summary>
public sealed class ApiKeyAuthenticationTests : IAsyncLifetime
{
    private ServerHost host = null!;

    public async Task InitializeAsync() =>
        host = await ServerHost.StartAsync(new ServerHostOptions { Settings = TestCredentials.ApiKeys(("alice", "user"), ("root", "admin")) });

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task EveryMappedRpc_WithoutCredentials_IsUnauthenticatedExceptHealth()
    {
        var methods = RawCalls.MappedMethods(host);

        Assert.Contains(methods, m => m.FullName == "/covid.v1.AnalysisService/SubmitAnalysis");
        Assert.Contains(methods, m => m.FullName == "/covid.v1.DatasetService/UploadDataset");
        Assert.True(methods.Count >= 11, string.Join(", ", methods.Select(m => m.FullName)));
        foreach (var method in methods)
        {
            var status = await RawCalls.CallAsync(host.Channel.CreateCallInvoker(), method, Timeouts.Token());
            if (method.ServiceName == "grpc.health.v1.Health")
            {
                Assert.NotEqual(StatusCode.Unauthenticated, status.StatusCode);
                continue;
            }
            Assert.True(status.StatusCode == StatusCode.Unauthenticated, $"{method.FullName}: {status}");
            Assert.Contains("requires credentials", status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EveryMappedRpc_WithAWrongKey_IsUnauthenticatedNamingTheKey()
    {
        var invoker = TestCredentials.As(host, "not-a-key-of-this-server-0123456789abcdef");
        foreach (var method in RawCalls.MappedMethods(host).Where(m => m.ServiceName != "grpc.health.v1.Health"))
        {
            var status = await RawCalls.CallAsync(invoker, method, Timeouts.Token());

            Assert.True(status.StatusCode == StatusCode.Unauthenticated, $"{method.FullName}: {status}");
            Assert.Contains("API key is not valid", status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ListDatasets_WithAValidKey_Answers()
    {
        var (_, datasets) = TestCredentials.Clients(host, "alice");

        var listed = await datasets.ListDatasetsAsync(new ListDatasetsRequest(), cancellationToken: Timeouts.Token());

        Assert.Contains(listed.Datasets, d => d.Name == "cdc-cases-deaths-by-state" && d.Shared && d.Owner == "");
    }

    [Fact]
    public async Task Reflection_WithKeysConfigured_IsOffByDefault()
    {
        Assert.DoesNotContain(RawCalls.MappedMethods(host), m => m.ServiceName.StartsWith("grpc.reflection", StringComparison.Ordinal));

        var health = new Health.HealthClient(host.Channel);
        var serving = await health.CheckAsync(new HealthCheckRequest(), cancellationToken: Timeouts.Token());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, serving.Status);
    }

    [Fact]
    public async Task Authorization_OfAnotherScheme_IsUnauthenticatedSayingWhatToSend()
    {
        var headers = new Metadata { { "authorization", "Basic YWxpY2U6c2VjcmV0" } };

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            host.Datasets.ListDatasetsAsync(new ListDatasetsRequest(), headers, cancellationToken: Timeouts.Token()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("Bearer KEY", error.Status.Detail, StringComparison.Ordinal);
    }
}
