using System.Net;
using Covid.Server.Kubernetes;
using Covid.SparkJob.Errors;
using Covid.Server.Spark;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using k8s.Autorest;

namespace Covid.Tests.Server.Kubernetes;

public sealed class KubernetesApiTests
{
    private static KubernetesApi Api(int attempts = 3) => new(
        Options.Create(new KubernetesOptions { ApiAttempts = attempts, ApiRetryDelay = TimeSpan.FromMilliseconds(1) }),
        NullLogger<KubernetesApi>.Instance);

    private static HttpOperationException Status(HttpStatusCode code, string message = "") => new($"Operation returned an invalid status code '{code}'")
    {
        Response = new HttpResponseMessageWrapper(new HttpResponseMessage(code),
            $$"""{"kind":"Status","apiVersion":"v1","status":"Failure","message":"{{message}}","code":{{(int)code}}}"""),
    };

    [Fact]
    public async Task CallAsync_ServerErrorsThenSuccess_RetriedUntilItWorks()
    {
        var calls = 0;

        var result = await Api().CallAsync("create", "pods", _ => ++calls < 3 ? throw Status(HttpStatusCode.InternalServerError) : Task.FromResult("ok"), CancellationToken.None);

        Assert.Equal(("ok", 3), (result, calls));
    }

    [Fact]
    public async Task CallAsync_ServerErrorsBeyondAttempts_FailsNamingTheCall()
    {
        var calls = 0;

        var ex = await Assert.ThrowsAsync<KubernetesCallException>(() =>
            Api(attempts: 2).CallAsync<string>("list", "pods", _ => { calls++; throw Status(HttpStatusCode.ServiceUnavailable, "etcd down"); }, CancellationToken.None));

        Assert.Equal(2, calls);
        Assert.Contains("list pods failed after 2 attempts", ex.Message);
        Assert.Contains("etcd down", ex.Message);
    }

    [Fact]
    public async Task CallAsync_Forbidden_FailedPreconditionNamingVerbAndResource()
    {
        var calls = 0;

        var ex = await Assert.ThrowsAsync<ServiceException>(() => Api().CallAsync<string>("create", "pods", _ =>
        {
            calls++;
            throw Status(HttpStatusCode.Forbidden, "pods is forbidden: User \\\"system:serviceaccount:covid-analysis:covid-server\\\" cannot create resource \\\"pods\\\"");
        }, CancellationToken.None));

        Assert.Equal(1, calls);
        Assert.Equal(ErrorCode.FailedPrecondition, ex.Code);
        Assert.Contains("refused to create pods (403 Forbidden)", ex.Message);
        Assert.Contains("cannot create resource \"pods\"", ex.Message);
        Assert.Contains("RBAC verb \"create\" on \"pods\"", ex.Message);
    }

    [Fact]
    public async Task CallAsync_Conflict_NotRetried()
    {
        var calls = 0;

        var ex = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Api().CallAsync<string>("create", "pods", _ => { calls++; throw Status(HttpStatusCode.Conflict); }, CancellationToken.None));

        Assert.Equal(1, calls);
        Assert.True(KubernetesApi.IsStatus(ex, HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task CallAsync_HttpClientTimeout_Retried()
    {
        var calls = 0;

        await Api().CallAsync("get", "pods", _ => ++calls < 2 ? throw new TaskCanceledException("HttpClient.Timeout") : Task.FromResult(1), CancellationToken.None);

        Assert.Equal(2, calls);
    }
}
