using Covid.Tests.Support.Deploy;
using k8s.Models;
using Microsoft.Extensions.Configuration;

namespace Covid.Tests.Deploy;

/// <summary>
/// ConfigMap covid-server-config: every key binds to the server's options, and every name in it is
/// the name of an object deploy/ really creates (or a path the Deployment really mounts).
/// </summary>
public sealed class ServerConfigTests
{
    [Fact]
    public async Task Config_EverySection_BindsToTheServersOptionsWithNoUnknownKey()
    {
        var config = await ServerSettings.LoadAsync();
        var sections = config.GetChildren().ToList();

        Assert.NotEmpty(sections);
        foreach (var section in sections)
        {
            Assert.True(ServerSettings.SectionTypes.ContainsKey(section.Key), $"section '{section.Key}' is not one the server reads");
            ServerSettings.BindStrict(section, ServerSettings.SectionTypes[section.Key]);
        }
    }

    [Fact]
    public void BindStrict_KeyTheOptionsDoNotHave_Throws()
    {
        // The check above is real: a misspelled key fails the binding.
        var config = ServerSettings.FromJson("""{"Data": {"Directory": "/data/covid", "Directry": "/x"}}""");

        Assert.Throws<InvalidOperationException>(() => ServerSettings.BindStrict(config.GetSection("Data"), typeof(Covid.Server.Storage.DataOptions)));
    }

    [Fact]
    public async Task Config_Names_AreTheObjectsDeployCreates()
    {
        var config = await ServerSettings.LoadAsync();
        var bundle = await DeployBundle.GetAsync();

        Assert.Equal("true", ServerSettings.Require(config, "Kubernetes:Enabled"), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(bundle.Get<V1Namespace>(DeployBundle.Namespace).Metadata.Name, ServerSettings.Require(config, "Kubernetes:Namespace"));
        Assert.Equal(bundle.Get<V1ServiceAccount>("covid-spark").Metadata.Name, ServerSettings.Require(config, "Kubernetes:ServiceAccount"));
        Assert.Equal(bundle.Get<V1ServiceAccount>("covid-spark").Metadata.Name, ServerSettings.Require(config, "Kubernetes:ExecutorServiceAccount"));
        Assert.Equal(bundle.Get<V1PersistentVolumeClaim>("covid-data").Metadata.Name, ServerSettings.Require(config, "Kubernetes:PersistentVolumeClaim"));
    }

    [Fact]
    public async Task Config_SparkServiceAccount_IsBoundToTheSparkRole()
    {
        var config = await ServerSettings.LoadAsync();
        var bundle = await DeployBundle.GetAsync();
        var account = ServerSettings.Require(config, "Kubernetes:ServiceAccount");

        var binding = Assert.Single(bundle.All<V1RoleBinding>(), b => b.Subjects.Any(s => s.Name == account));
        Assert.Equal("covid-spark", binding.RoleRef.Name);
    }

    [Fact]
    public async Task Config_DataDirectory_LivesUnderTheSharedMountPath()
    {
        var config = await ServerSettings.LoadAsync();
        var mountPath = ServerSettings.Require(config, "Kubernetes:MountPath").TrimEnd('/');
        var dataDirectory = ServerSettings.Require(config, "Data:Directory");

        Assert.StartsWith(mountPath + "/", dataDirectory, StringComparison.Ordinal);
        Assert.Equal("/data", mountPath);
    }

    [Fact]
    public async Task Config_PodTemplatePaths_AreKeysOfTheMountedTemplateConfigMap()
    {
        var config = await ServerSettings.LoadAsync();
        var bundle = await DeployBundle.GetAsync();
        var templates = bundle.Get<V1ConfigMap>("covid-pod-templates");
        var mount = ServerDeployment.MountOf(bundle, "covid-pod-templates");

        foreach (var key in new[] { "Kubernetes:DriverPodTemplate", "Kubernetes:ExecutorPodTemplate" })
        {
            var path = ServerSettings.Require(config, key);
            Assert.Equal(mount.MountPath.TrimEnd('/'), Path.GetDirectoryName(path));
            Assert.True(templates.Data.ContainsKey(Path.GetFileName(path)), $"{key}={path}: no such key in covid-pod-templates");
        }
        Assert.Equal("/etc/covid/pod-templates", mount.MountPath);
    }

    [Fact]
    public async Task Config_SparkImage_IsBuiltFromTheSameSparkVersionItsTagNames()
    {
        var image = ServerSettings.Require(await ServerSettings.LoadAsync(), "Kubernetes:SparkImage");
        var from = Dockerfiles.FinalFrom(await Dockerfiles.ReadAsync("spark.Dockerfile"));

        Assert.Equal("covid-analysis/spark", image[..image.LastIndexOf(':')]);
        Assert.Equal(from[(from.LastIndexOf(':') + 1)..], image[(image.LastIndexOf(':') + 1)..]);
    }

    [Fact]
    public async Task Config_EngineAndSparkSizes_AreValid()
    {
        var config = await ServerSettings.LoadAsync();

        Assert.Contains(ServerSettings.Require(config, "Engine:Default"), new[] { "embedded", "spark" });
        Assert.True(long.Parse(ServerSettings.Require(config, "Engine:SparkThresholdBytes")) > 0);
        Assert.True(int.Parse(ServerSettings.Require(config, "Spark:ExecutorInstances")) >= 1);
        Assert.Matches("^[0-9]+[kmgt]$", ServerSettings.Require(config, "Spark:ExecutorMemory"));
        Assert.Matches("^[0-9]+[kmgt]$", ServerSettings.Require(config, "Spark:DriverMemory"));
        Assert.True(TimeSpan.Parse(ServerSettings.Require(config, "Kubernetes:FinishedDriverTtl")) > TimeSpan.Zero);
        Assert.Contains("{service}", ServerSettings.Require(config, "Spark:MonitoringUrl"));
    }
}
