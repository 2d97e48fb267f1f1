using Covid.SparkJob.Spark;
using k8s.Models;
using Covid.Tests.Support.Deploy;

namespace Covid.Tests.Deploy;

/// <summary>
/// deploy/manifests/network-policies.yaml over the pods really created in a deploy/-configured run:
/// only the server reaches the driver's UI port, only executors its RPC and block manager ports,
/// only drivers and executors the executors' block manager; nothing else gets in but to the server's gRPC port.
/// </summary>
[Collection(DeployedSparkRunCollection.Name)]
public sealed class NetworkPolicyTests(DeployedSparkRun run)
{
    private const int Ui = SparkJobDescription.UiPort;
    private const int Rpc = SparkJobDescription.DriverPort;
    private const int Blocks = SparkJobDescription.BlockManagerPort;
    private const int Grpc = 5000;
    private const int Rest = 8080;

    private static readonly V1Pod Stranger = new()
    {
        Metadata = new V1ObjectMeta { Name = "other-app", Labels = new Dictionary<string, string> { ["app"] = "other" } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "x" }] },
    };

    private static async Task<List<V1NetworkPolicy>> PoliciesAsync() => [.. (await DeployBundle.GetAsync()).All<V1NetworkPolicy>()];

    public static TheoryData<string, string, int, bool> Flows => new()
    {
        { "server", "driver", Ui, true },
        { "server", "driver", Rpc, false },
        { "server", "executor", Blocks, false },
        { "executor", "driver", Rpc, true },
        { "executor", "driver", Blocks, true },
        { "executor", "driver", Ui, false },
        { "driver", "executor", Blocks, true },
        { "executor", "executor", Blocks, true },
        { "driver", "executor", Rpc, false },
        { "stranger", "driver", Ui, false },
        { "stranger", "driver", Rpc, false },
        { "stranger", "executor", Blocks, false },
        { "driver", "driver", Rpc, false },
        { "stranger", "server", Grpc, true },
        { "executor", "server", Grpc, true },
        { "stranger", "server", Rest, true },
        { "stranger", "server", 9090, false },
    };

    [Theory]
    [MemberData(nameof(Flows))]
    public async Task Ingress_Flow_AllowedOnlyWhereSparkOrTheServerNeedsIt(string from, string to, int port, bool allowed)
    {
        Assert.Equal(allowed, NetworkPolicies.Allows(await PoliciesAsync(), Pod(from), Pod(to), port));
    }

    [Fact]
    public async Task Policies_DefaultDeny_EveryPodOfTheNamespaceIsSelected()
    {
        var policies = await PoliciesAsync();

        Assert.Contains(policies, p => p.Spec.PodSelector.MatchLabels is null && p.Spec.PodSelector.MatchExpressions is null && p.Spec.Ingress is null);
        Assert.All(policies, p => Assert.Equal(["Ingress"], p.Spec.PolicyTypes));
    }

    [Fact]
    public void Ports_ThePoliciesOpen_AreTheOnesThePodsListen()
    {
        var driverPorts = run.Driver.Spec.Containers[0].Ports.Select(p => p.ContainerPort).Order();
        var executorPorts = run.Executors.SelectMany(e => e.Spec.Containers[0].Ports).Select(p => p.ContainerPort).Distinct();

        Assert.Equal([Ui, Rpc, Blocks], driverPorts);
        Assert.Equal([Blocks], executorPorts);
    }

    private V1Pod Pod(string role) => role switch
    {
        "server" => run.Server,
        "driver" => run.Driver,
        "executor" => run.Executors[0],
        _ => Stranger,
    };
}
