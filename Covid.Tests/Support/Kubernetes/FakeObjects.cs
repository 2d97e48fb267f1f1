using k8s.Autorest;
using k8s.Models;

namespace Covid.Tests.Support.Kubernetes;

/// <summary>Small builders and assertions shared by the fake API server's tests.</summary>
internal static class FakeObjects
{
    public const string Ns = "covid-analysis";

    public static V1Pod Pod(string name, IDictionary<string, string>? labels = null, V1OwnerReference? owner = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Labels = labels is null ? null : new Dictionary<string, string>(labels),
            OwnerReferences = owner is null ? null : [owner],
        },
        Spec = new V1PodSpec
        {
            RestartPolicy = "Never",
            Containers = [new V1Container { Name = "main", Image = "apache/spark:3.5.3" }],
        },
    };

    public static V1ConfigMap ConfigMap(string name, V1OwnerReference? owner = null, IDictionary<string, string>? data = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, OwnerReferences = owner is null ? null : [owner] },
        Data = data ?? new Dictionary<string, string> { ["k"] = "v" },
    };

    public static V1OwnerReference OwnedBy(V1Pod owner, bool block) => new()
    {
        ApiVersion = "v1", Kind = "Pod", Name = owner.Metadata.Name, Uid = owner.Metadata.Uid, Controller = true, BlockOwnerDeletion = block,
    };

    public static CancellationTokenSource Bounded(int seconds = 10) => new(TimeSpan.FromSeconds(seconds));

    /// <summary>Asserts the call failed with this HTTP status and Status reason; returns the Status body.</summary>
    public static async Task<V1Status> FailsWith(int code, string reason, Func<Task> call)
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(call);
        Assert.True(code == (int)e.Response.StatusCode, $"HTTP {(int)e.Response.StatusCode}: {e.Response.Content}");
        var status = k8s.KubernetesJson.Deserialize<V1Status>(e.Response.Content);
        Assert.Equal("Status", status.Kind);
        Assert.Equal("Failure", status.Status);
        Assert.Equal(reason, status.Reason);
        Assert.Equal(code, status.Code);
        return status;
    }

    /// <summary>Polls (bounded) until <paramref name="condition"/> holds.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, int seconds = 10)
    {
        using var cts = Bounded(seconds);
        while (!await condition())
        {
            await Task.Delay(10, cts.Token);
        }
    }
}
