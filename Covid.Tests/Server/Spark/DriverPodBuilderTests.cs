using Covid.Server.Kubernetes;
using Covid.Server.Spark;
using k8s.Models;
using static Covid.Tests.Support.Spark.LaunchFixtures;

namespace Covid.Tests.Server.Spark;

public sealed class DriverPodBuilderTests
{
    private static V1Pod Pod() => DriverPodBuilder.Build(Names, Namespace, Job, Options, template: null);

    [Fact]
    public void Build_Analysis_PodNamedAndLabelledForSparkAndForUs()
    {
        var pod = Pod();

        Assert.Equal("covid-abc123-driver", pod.Metadata.Name);
        Assert.Equal(Namespace, pod.Metadata.NamespaceProperty);
        var expected = new Dictionary<string, string>
        {
            ["spark-role"] = "driver",
            ["spark-app-selector"] = "spark-abc123",
            ["covid-analysis/analysis-id"] = "abc123",
            ["app.kubernetes.io/name"] = "covid-analysis",
            ["app.kubernetes.io/part-of"] = "covid-analysis",
            ["app.kubernetes.io/component"] = "spark-driver",
            ["app.kubernetes.io/managed-by"] = "covid-server",
        };
        Assert.Equal(expected.OrderBy(p => p.Key), pod.Metadata.Labels.OrderBy(p => p.Key));
    }

    [Fact]
    public void Build_Options_ServiceAccountRestartPolicyImage()
    {
        var pod = Pod();

        Assert.Equal("covid-spark", pod.Spec.ServiceAccountName);
        Assert.Equal("Never", pod.Spec.RestartPolicy);
        var container = Assert.Single(pod.Spec.Containers);
        Assert.Equal("spark-kubernetes-driver", container.Name);
        Assert.Equal("registry.example/covid-spark:3.5.3", container.Image);
        Assert.Equal("Always", container.ImagePullPolicy);
        // The image's entrypoint runs a non-"driver" command as given: no command override.
        Assert.Null(container.Command);
    }

    [Fact]
    public void Build_Analysis_SparkSqlInClientModeAgainstTheInClusterApi()
    {
        var args = Pod().Spec.Containers[0].Args;

        Assert.Equal(
        [
            "/opt/spark/bin/spark-sql",
            "--master", "k8s://https://kubernetes.default.svc",
            "--deploy-mode", "client",
            "--properties-file", "/opt/spark/conf/spark.properties",
            "--conf", "spark.driver.host=covid-abc123-driver-svc.covid-analysis.svc",
            "--conf", "spark.driver.bindAddress=$(POD_IP)",
            "-f", "/opt/spark/conf/query.sql",
        ], args);
    }

    [Fact]
    public void Build_Analysis_DownwardApiEnvAndSparkEnv()
    {
        var env = Pod().Spec.Containers[0].Env.ToDictionary(e => e.Name);

        Assert.Equal("metadata.name", env["POD_NAME"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("status.podIP", env["POD_IP"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("/opt/spark/conf", env["SPARK_CONF_DIR"].Value);
        Assert.Equal("spark", env["SPARK_USER"].Value);
        Assert.Equal("spark-abc123", env["SPARK_APPLICATION_ID"].Value);
    }

    [Fact]
    public void Build_Analysis_DriverPortsNamedAsSparkNamesThem()
    {
        var ports = Pod().Spec.Containers[0].Ports.Select(p => (p.Name, p.ContainerPort));

        Assert.Equal([("driver-rpc-port", 7078), ("blockmanager", 7079), ("spark-ui", 4040)], ports);
    }

    [Fact]
    public void Build_TwoGigabyteDriver_MemoryRequestEqualsLimitWithOverhead()
    {
        var resources = Pod().Spec.Containers[0].Resources;

        Assert.Equal("2432Mi", resources.Requests["memory"].ToString());
        Assert.Equal("2432Mi", resources.Limits["memory"].ToString());
        Assert.Equal("1", resources.Requests["cpu"].ToString());
        Assert.False(resources.Limits.ContainsKey("cpu"));
    }

    [Fact]
    public void Build_Options_PvcAtMountPathAndConfigMapAtConfDir()
    {
        var pod = Pod();

        var volumes = pod.Spec.Volumes.ToDictionary(v => v.Name);
        Assert.Equal("covid-data", volumes["data"].PersistentVolumeClaim.ClaimName);
        Assert.Equal("covid-abc123-conf", volumes["spark-conf-volume"].ConfigMap.Name);
        var mounts = pod.Spec.Containers[0].VolumeMounts.ToDictionary(m => m.Name, m => m.MountPath);
        Assert.Equal("/data", mounts["data"]);
        Assert.Equal("/opt/spark/conf", mounts["spark-conf-volume"]);
    }
}
