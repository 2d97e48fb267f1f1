using Covid.Tests.Support.Deploy;
using k8s.Models;
using static Covid.Tests.Support.Deploy.PodTemplates;

namespace Covid.Tests.Deploy;

/// <summary>The driver and executor pod templates, read from ConfigMap covid-pod-templates as the server reads them.</summary>
public sealed class PodTemplateTests
{
    [Theory]
    [InlineData("driver.yaml", "spark-kubernetes-driver", "spark-driver")]
    [InlineData("executor.yaml", "spark-kubernetes-executor", "spark-executor")]
    public async Task Template_Container_NamedBySparksConventionAndLabelled(string key, string container, string component)
    {
        var pod = (await LoadAsync())[key];

        Assert.Equal("v1", pod.ApiVersion);
        Assert.Equal("Pod", pod.Kind);
        Assert.Equal(container, Assert.Single(pod.Spec.Containers).Name);
        Assert.Equal(component, pod.Metadata.Labels["app.kubernetes.io/component"]);
        Assert.Equal("covid-server", pod.Metadata.Labels["app.kubernetes.io/managed-by"]);
        Assert.Equal("covid-analysis", pod.Metadata.Labels["app.kubernetes.io/part-of"]);
    }

    [Fact]
    public async Task Templates_OnlyDriverAndExecutor_InTheConfigMap()
    {
        Assert.Equal(["driver.yaml", "executor.yaml"], (await LoadAsync()).Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("driver.yaml")]
    [InlineData("executor.yaml")]
    public async Task Template_Security_NonRootAsTheServersUidNoEscalation(string key)
    {
        var pod = (await LoadAsync())[key];
        var server = ServerDeployment.PodSpec(await DeployBundle.GetAsync()).SecurityContext;
        var container = Assert.Single(pod.Spec.Containers).SecurityContext;

        Assert.True(pod.Spec.SecurityContext.RunAsNonRoot);
        // One owner for every file on the shared volume, whoever wrote it.
        Assert.Equal(server.RunAsUser, pod.Spec.SecurityContext.RunAsUser);
        Assert.Equal(server.FsGroup, pod.Spec.SecurityContext.FsGroup);
        Assert.Equal("RuntimeDefault", pod.Spec.SecurityContext.SeccompProfile.Type);
        Assert.False(container.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], container.Capabilities.Drop);
    }

    [Fact]
    public async Task Templates_Tokens_DriverHasOneExecutorsNone()
    {
        var templates = await LoadAsync();

        Assert.True(templates["driver.yaml"].Spec.AutomountServiceAccountToken);   // it creates its executors
        Assert.False(templates["executor.yaml"].Spec.AutomountServiceAccountToken); // they call no API
        Assert.Equal("Never", templates["driver.yaml"].Spec.RestartPolicy);
    }

    [Fact]
    public async Task Templates_LeaveToTheLauncher_ImageAccountVolumesAndCommand()
    {
        // What the launcher and Spark set from configuration must not be pinned in a template.
        foreach (var pod in (await LoadAsync()).Values)
        {
            Assert.Null(pod.Spec.ServiceAccountName);
            Assert.Null(pod.Spec.Volumes);
            var container = Assert.Single(pod.Spec.Containers);
            Assert.Null(container.Image);
            Assert.Null(container.Command);
            Assert.Null(container.Args);
            Assert.Null(container.VolumeMounts);
        }
    }
}
