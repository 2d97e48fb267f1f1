using Covid.Server.Spark;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Spark;
using Covid.Tests.FakeKubernetes;
using Covid.Tests.Support;
using Covid.Tests.Support.Deploy;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Covid.Tests.Deploy;

/// <summary>
/// deploy/kind/small-cluster-patch.yaml: the Spark sizes a laptop node can take, set through the
/// server's environment, and what they add up to next to the base's.
/// </summary>
public sealed class KindOverlayTests
{
    /// <summary>A 2-CPU, 4 GiB kind node less what kind's own pods request (etcd, API server, controllers, CoreDNS, kindnet).</summary>
    private const decimal NodeCpu = 2m - 0.95m;
    private const decimal NodeMemoryMib = 4096 - 290;

    private static async Task<V1Deployment> PatchAsync() =>
        Assert.IsType<V1Deployment>(Assert.Single(await DeployBundle.LoadManifestAsync(DeployBundle.PathOf("kind/small-cluster-patch.yaml"))));

    /// <summary>appsettings.Production.json with an environment over it, as the host reads them.</summary>
    private static async Task<Dictionary<string, string?>> SettingsAsync(IEnumerable<V1EnvVar> env)
    {
        var settings = (await ServerSettings.LoadAsync()).AsEnumerable().Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var variable in env)
        {
            settings[variable.Name.Replace("__", ":", StringComparison.Ordinal)] = variable.Value;
        }
        settings.Remove("Kubernetes:DriverPodTemplate");
        settings.Remove("Kubernetes:ExecutorPodTemplate");
        return settings;
    }

    /// <summary>CPU and MiB requested by the server, the driver and every executor under these settings.</summary>
    private static (decimal Cpu, decimal MemoryMib) Requests(Dictionary<string, string?> settings, V1ResourceRequirements server)
    {
        using var services = SparkServices.Create(new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = "http://127.0.0.1:1" }), settings);
        var plan = AnalysisPlanner.Plan(Specs.IssueExample(), TestDatasets.CasesDeaths("/data/covid/datasets/cdc-cases-deaths-by-state/data.parquet"));
        var objects = services.GetRequiredService<SparkObjectsFactory>().Create("kind1", plan);
        var confs = objects.ConfigMap.Data["spark.properties"].Split('\n').Select(JavaProperties.ParseLine).OfType<(string Key, string Value)>().ToDictionary();
        var executors = int.Parse(confs["spark.executor.instances"]);
        var driver = objects.DriverPod.Spec.Containers[0].Resources.Requests;
        var cpu = server.Requests["cpu"].ToDecimal() + driver["cpu"].ToDecimal() + executors * SparkCpu.ParseMillicores(confs["spark.kubernetes.executor.request.cores"]) / 1000m;
        var memory = server.Requests["memory"].ToDecimal() / (1024 * 1024) + driver["memory"].ToDecimal() / (1024 * 1024)
            + executors * SparkMemory.PodMib(confs["spark.executor.memory"]);
        return (cpu, memory);
    }

    [Fact]
    public async Task Patch_Environment_OneExecutorOf1gRequesting500mAllLimited()
    {
        var container = Assert.Single((await PatchAsync()).Spec.Template.Spec.Containers);
        var config = new ConfigurationBuilder().AddInMemoryCollection(await SettingsAsync(container.Env)).Build();
        var spark = (SparkOptions)ServerSettings.BindStrict(config.GetSection(SparkOptions.Section), typeof(SparkOptions));

        Assert.Equal("server", container.Name);
        Assert.Equal((1, "1g", "500m", "1"), (spark.ExecutorInstances, spark.ExecutorMemory, spark.ExecutorRequestCores, spark.ExecutorLimitCores));
        Assert.Equal(("1g", "250m", "1"), (spark.DriverMemory, spark.DriverRequestCores, spark.DriverLimitCores));
    }

    [Fact]
    public async Task Patch_RunOnASmallNode_FitsWhereTheBaseDoesNot()
    {
        var bundle = await DeployBundle.GetAsync();
        var patch = Assert.Single((await PatchAsync()).Spec.Template.Spec.Containers);
        var baseServer = ServerDeployment.Container(bundle);

        var small = Requests(await SettingsAsync(patch.Env), patch.Resources);
        var full = Requests(await SettingsAsync([]), baseServer.Resources);

        Assert.True(small.Cpu <= NodeCpu && small.MemoryMib <= NodeMemoryMib, $"kind overlay requests {small.Cpu} CPU, {small.MemoryMib} MiB");
        Assert.True(full.Cpu > NodeCpu, $"the base requests {full.Cpu} CPU: it would fit a small node, so why the overlay?");
    }

    [Fact]
    public async Task KindScript_AppliesTheSmallClusterPatch()
    {
        var script = await File.ReadAllTextAsync(DeployBundle.PathOf("kind.sh"));

        Assert.Contains("\"$ROOT/deploy/kind/small-cluster-patch.yaml\"", script);
        Assert.Contains("  - path: small-cluster-patch.yaml\n", script.ReplaceLineEndings("\n"));
        Assert.Contains("docker pull \"$SPARK_IMAGE\"", script);
    }
}
