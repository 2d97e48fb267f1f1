using Covid.Server.Kubernetes;
using Covid.Server.Spark;
using Covid.Tests.FakeKubernetes;
using Covid.Tests.Support.Deploy;
using Covid.Tests.Support.Kubernetes;
using Covid.Tests.Support.Spark;
using Microsoft.Extensions.Logging.Abstractions;
using k8s.Models;
using k8s;

namespace Covid.Tests.Deploy;

/// <summary>
/// Role covid-server against what the server's launcher code really sends: its components run
/// every path they have (launch, adopt on 409, find by label, watch, log tail, cancel) against the
/// fake API server, and the journal of their requests is compared with the Role's grants.
/// </summary>
public sealed class LauncherRbacTests
{
    [Fact]
    public async Task LauncherPaths_EveryRequestSent_IsExactlyWhatTheServerRoleGrants()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var ct = timeout.Token;
        await using var cluster = await FakeCluster.StartAsync(new() { Kubernetes = o => o.ApiAttempts = 2 });
        var (fake, client, api) = (cluster.Fake, cluster.Client, cluster.Api);
        var ns = DeployBundle.Namespace;
        var names = LaunchFixtures.Names;
        var objects = await ObjectsAsync(names, ns);
        var launcher = new SparkLauncher(client, api, NullLogger<SparkLauncher>.Instance);

        var pod = await launcher.LaunchAsync(objects, ns, ct);              // create pods, configmaps, services
        await launcher.LaunchAsync(objects, ns, ct);                        // 409 on each: get to adopt
        Assert.NotNull(await launcher.FindDriverAsync(names, ns, ct));      // list pods by label
        await WatchOnceAsync(client, api, ns, names.PodSelector, fake, ct); // list + watch pods
        await new DriverLog(client, api, NullLogger<DriverLog>.Instance).TailAsync(names, ns, ct); // get pods/log
        await new DriverRemover(client, api, NullLogger<DriverRemover>.Instance).RemoveAsync(names, ns, ct); // delete x3, list/watch until gone

        var sent = fake.Journal.External.Select(r => $"{r.Resource}:{r.Verb}").ToHashSet();
        var granted = Rbac.Grants((await DeployBundle.GetAsync()).Get<V1Role>("covid-server"));
        Assert.Equal(pod.Metadata.Name, names.DriverPod);
        Assert.Equal(granted.Order(StringComparer.Ordinal), sent.Order(StringComparer.Ordinal));
    }

    private static async Task<SparkObjects> ObjectsAsync(SparkNames names, string ns)
    {
        var config = await ServerSettings.LoadAsync();
        var options = (KubernetesOptions)ServerSettings.BindStrict(config.GetSection(KubernetesOptions.Section), typeof(KubernetesOptions));
        var templates = (await DeployBundle.GetAsync()).Get<V1ConfigMap>("covid-pod-templates").Data;
        var job = LaunchFixtures.Job;
        var driverTemplate = KubernetesYaml.Deserialize<V1Pod>(templates[Path.GetFileName(options.DriverPodTemplate!)]);
        return new SparkObjects(
            names,
            DriverPodBuilder.Build(names, ns, job, options, driverTemplate),
            ConfigMapBuilder.Build(names, ns, job, templates[Path.GetFileName(options.ExecutorPodTemplate!)]),
            DriverServiceBuilder.Build(names, ns));
    }

    /// <summary>Runs the launcher's pod watch until it has listed and opened a watch, then stops it.</summary>
    private static async Task WatchOnceAsync(IKubernetes client, KubernetesApi api, string ns, string selector, FakeKubeApiServer fake, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var watch = new PodWatch(client, api, ns, selector, NullLogger.Instance);
        var running = watch.RunAsync(stop.Token);
        while (!fake.Journal.External.Any(r => r.Verb == "watch" && r.Resource == "pods"))
        {
            await Task.Delay(20, ct);
        }
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }
}
