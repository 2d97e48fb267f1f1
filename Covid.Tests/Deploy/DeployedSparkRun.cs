using Covid.Server.Spark;
using Covid.SparkJob.Planning;
using Covid.Tests.FakeKubernetes;
using Covid.Tests.Support;
using Covid.Tests.Support.Deploy;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Covid.Tests.Deploy;

/// <summary>
/// One Spark run as deploy/ configures it, against the fake API server: the server's own launcher,
/// built from appsettings.Production.json and the two pod templates of ConfigMap covid-pod-templates,
/// creates the driver pod; the simulated Spark driver creates its executors over the executor
/// template the launcher shipped, as Spark's feature steps build them. A ResourceQuota on
/// limits.cpu guards the namespace. The pods kept are the ones really created through the API.
/// </summary>
public sealed class DeployedSparkRun : IAsyncLifetime
{
    private readonly TempDirectory templates = new();
    private FakeKubeApiServer fake = null!;

    /// <summary>The driver pod as the API server stores it.</summary>
    public V1Pod Driver { get; private set; } = null!;

    /// <summary>Every executor pod the driver created, as it sent them.</summary>
    public IReadOnlyList<V1Pod> Executors { get; private set; } = [];

    /// <summary>The server pod of the Deployment, for network checks.</summary>
    public V1Pod Server { get; private set; } = null!;

    /// <summary>Pod creations the quota refused (none expected).</summary>
    public IReadOnlyList<RecordedRequest> Refused { get; private set; } = [];

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var bundle = await DeployBundle.GetAsync();
        fake = await FakeKubeApiServer.StartAsync(new FakeKubeOptions { KubeletStepDelay = TimeSpan.FromMilliseconds(20) });
        fake.Store.AddQuota(new FakeResourceQuota("compute", DeployBundle.Namespace, "16"));
        fake.Kubelet.DriverBehaviour = SparkDriverBehaviours.RunExecutors(tasks: 2);
        using var services = SparkServices.Create(fake.CreateClient(), await SettingsAsync(bundle));
        var plan = AnalysisPlanner.Plan(Specs.IssueExample(), TestDatasets.CasesDeaths("/data/covid/datasets/cdc-cases-deaths-by-state/data.parquet"));
        var objects = services.GetRequiredService<SparkObjectsFactory>().Create("deployed1", plan);

        await services.GetRequiredService<SparkLauncher>().LaunchAsync(objects, DeployBundle.Namespace, timeout.Token);
        while (fake.Store.Get<V1Pod>(DeployBundle.Namespace, objects.Names.DriverPod) is not { Status.Phase: "Succeeded" or "Failed" })
        {
            await Task.Delay(20, timeout.Token);
        }

        Driver = fake.Store.Get<V1Pod>(DeployBundle.Namespace, objects.Names.DriverPod)!;
        var creates = fake.Journal.Entries.Where(e => e.FromDriver && e.Verb == "create" && e.Resource == "pods").ToList();
        Executors = [.. creates.Where(e => e.StatusCode == 201).Select(e => KubernetesJson.Deserialize<V1Pod>(e.Body!))];
        Refused = [.. fake.Journal.Entries.Where(e => e.Verb == "create" && e.Resource == "pods" && e.StatusCode != 201)];
        var template = ServerDeployment.PodSpec(bundle);
        Server = new V1Pod { Metadata = bundle.Get<V1Deployment>("covid-server").Spec.Template.Metadata, Spec = template };
    }

    public async Task DisposeAsync()
    {
        await fake.DisposeAsync();
        templates.Dispose();
    }

    /// <summary>appsettings.Production.json as flat keys, with the template paths pointed at copies of the ConfigMap's files.</summary>
    private async Task<Dictionary<string, string?>> SettingsAsync(DeployBundle bundle)
    {
        var config = await ServerSettings.LoadAsync();
        var settings = config.AsEnumerable().Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var key in new[] { "Kubernetes:DriverPodTemplate", "Kubernetes:ExecutorPodTemplate" })
        {
            var name = Path.GetFileName(ServerSettings.Require(config, key));
            var copy = Path.Combine(templates.Path, name);
            await File.WriteAllTextAsync(copy, bundle.Get<V1ConfigMap>("covid-pod-templates").Data[name]);
            settings[key] = copy;
        }
        return settings;
    }
}
