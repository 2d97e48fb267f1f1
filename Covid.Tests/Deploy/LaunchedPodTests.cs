using Covid.Server.Kubernetes;
using Covid.Server.Spark;
using Covid.Tests.Support.Deploy;
using Covid.Tests.Support.Spark;
using k8s.Models;

namespace Covid.Tests.Deploy;

/// <summary>
/// The deploy/ config and pod templates fed to the server's own launcher code: the driver pod it
/// would create in this deployment, and the pods this deployment runs, meet the agreements.
/// </summary>
public sealed class LaunchedPodTests
{
    private static async Task<V1Pod> DriverPodAsync()
    {
        var config = await ServerSettings.LoadAsync();
        var options = (KubernetesOptions)ServerSettings.BindStrict(config.GetSection(KubernetesOptions.Section), typeof(KubernetesOptions));
        var template = (await PodTemplates.LoadAsync())[Path.GetFileName(options.DriverPodTemplate!)];
        return DriverPodBuilder.Build(LaunchFixtures.Names, options.ResolvedNamespace, LaunchFixtures.Job, options, template);
    }

    [Fact]
    public async Task DriverPod_FromDeployConfigAndTemplate_RunsAsTheServersUidWithTheSparkAccount()
    {
        var pod = await DriverPodAsync();
        var bundle = await DeployBundle.GetAsync();
        var server = ServerDeployment.PodSpec(bundle).SecurityContext;

        Assert.Equal(DeployBundle.Namespace, pod.Metadata.NamespaceProperty);
        Assert.Equal(bundle.Get<V1ServiceAccount>("covid-spark").Metadata.Name, pod.Spec.ServiceAccountName);
        Assert.Equal(server.RunAsUser, pod.Spec.SecurityContext.RunAsUser);
        Assert.Equal("Never", pod.Spec.RestartPolicy);
        var container = Assert.Single(pod.Spec.Containers);
        Assert.Equal("spark-kubernetes-driver", container.Name);
        Assert.Equal("covid-analysis/spark:3.5.3", container.Image);
    }

    [Fact]
    public async Task DriverPod_FromDeployConfigAndTemplate_MountsTheDataClaimWhereTheServerDoes()
    {
        var pod = await DriverPodAsync();
        var bundle = await DeployBundle.GetAsync();
        var serverMount = ServerDeployment.MountOf(bundle, "covid-data");

        var volume = Assert.Single(pod.Spec.Volumes, v => v.PersistentVolumeClaim is not null);
        Assert.Equal(bundle.Get<V1PersistentVolumeClaim>("covid-data").Metadata.Name, volume.PersistentVolumeClaim.ClaimName);
        Assert.Equal(serverMount.MountPath, Assert.Single(pod.Spec.Containers[0].VolumeMounts, m => m.Name == volume.Name).MountPath);
    }

    [Fact]
    public async Task DriverPod_FromDeployConfigAndTemplate_MeetsRestrictedPodSecurity()
    {
        Assert.Empty(RestrictedPodSecurity.Violations((await DriverPodAsync()).Spec));
    }

    [Fact]
    public async Task ServerPod_Spec_MeetsRestrictedPodSecurity()
    {
        Assert.Empty(RestrictedPodSecurity.Violations(ServerDeployment.PodSpec(await DeployBundle.GetAsync())));
    }

    [Fact]
    public async Task ExecutorTemplate_Spec_MeetsRestrictedPodSecurity()
    {
        // Spark adds its image, env, conf map, local-dir emptyDirs and the PVC; none changes these.
        Assert.Empty(RestrictedPodSecurity.Violations((await PodTemplates.LoadAsync())["executor.yaml"].Spec));
    }

    [Fact]
    public void Violations_PrivilegedRootPodWithHostPath_AllReported()
    {
        var spec = new V1PodSpec
        {
            HostNetwork = true,
            Volumes = [new V1Volume { Name = "host", HostPath = new V1HostPathVolumeSource { Path = "/" } }],
            Containers = [new V1Container { Name = "c", SecurityContext = new V1SecurityContext { Privileged = true, RunAsUser = 0 } }],
        };

        var violations = RestrictedPodSecurity.Violations(spec);

        Assert.Contains("host namespaces", violations);
        Assert.Contains("volume host: hostPath", violations);
        Assert.Contains("c: privileged", violations);
        Assert.Contains("c: runAsUser 0", violations);
        Assert.Contains("c: seccomp ''", violations);
    }
}
