using Covid.Server.Kubernetes;
using Covid.Server.Spark;
using k8s.Models;
using k8s;
using static Covid.Tests.Support.Spark.LaunchFixtures;

namespace Covid.Tests.Server.Kubernetes;

public sealed class PodTemplateMergerTests
{
    private const string Template = """
        apiVersion: v1
        kind: Pod
        metadata:
          labels:
            team: analytics
            spark-role: something-else
          annotations:
            cluster-autoscaler.kubernetes.io/safe-to-evict: "false"
        spec:
          serviceAccountName: template-sa
          restartPolicy: Always
          nodeSelector:
            pool: spark
          tolerations:
            - key: dedicated
              operator: Equal
              value: spark
              effect: NoSchedule
          volumes:
            - name: scratch
              emptyDir: {}
          containers:
            - name: log-shipper
              image: fluent/fluent-bit:3.0
            - name: spark-kubernetes-driver
              image: template-image
              env:
                - name: JAVA_TOOL_OPTIONS
                  value: -XX:+UseG1GC
                - name: SPARK_USER
                  value: template-user
              volumeMounts:
                - name: scratch
                  mountPath: /scratch
              resources:
                requests:
                  ephemeral-storage: 1Gi
        """;

    private static V1Pod Merged(string yaml = Template) =>
        DriverPodBuilder.Build(Names, Namespace, Job, Options, KubernetesYaml.Deserialize<V1Pod>(yaml));

    [Fact]
    public void Merge_Template_KeepsItsSchedulingAnnotationsAndSidecar()
    {
        var pod = Merged();

        Assert.Equal("spark", pod.Spec.NodeSelector["pool"]);
        Assert.Equal("dedicated", Assert.Single(pod.Spec.Tolerations).Key);
        Assert.Equal("false", pod.Metadata.Annotations["cluster-autoscaler.kubernetes.io/safe-to-evict"]);
        Assert.Equal("analytics", pod.Metadata.Labels["team"]);
        Assert.Equal(["log-shipper", "spark-kubernetes-driver"], pod.Spec.Containers.Select(c => c.Name));
        Assert.Equal("fluent/fluent-bit:3.0", pod.Spec.Containers[0].Image);
    }

    [Fact]
    public void Merge_Template_LauncherSettingsWin()
    {
        var pod = Merged();

        Assert.Equal("driver", pod.Metadata.Labels["spark-role"]);
        Assert.Equal("covid-spark", pod.Spec.ServiceAccountName);
        Assert.Equal("Never", pod.Spec.RestartPolicy);
        var driver = pod.Spec.Containers[1];
        Assert.Equal("registry.example/covid-spark:3.5.3", driver.Image);
        Assert.Equal("spark", driver.Env.Single(e => e.Name == "SPARK_USER").Value);
        Assert.Equal("/opt/spark/bin/spark-sql", driver.Args[0]);
    }

    [Fact]
    public void Merge_Template_ContainerKeepsItsOwnEnvMountsAndResources()
    {
        var driver = Merged().Spec.Containers[1];

        Assert.Equal("-XX:+UseG1GC", driver.Env.Single(e => e.Name == "JAVA_TOOL_OPTIONS").Value);
        Assert.Contains(driver.Env, e => e.Name == "POD_IP");
        Assert.Equal(["/scratch", "/data", "/opt/spark/conf"], driver.VolumeMounts.Select(m => m.MountPath));
        Assert.Equal("1Gi", driver.Resources.Requests["ephemeral-storage"].ToString());
        Assert.Equal("2432Mi", driver.Resources.Limits["memory"].ToString());
        Assert.Equal(["scratch", "data", "spark-conf-volume"], Merged().Spec.Volumes.Select(v => v.Name));
    }

    [Fact]
    public void Merge_TemplateWithoutSparkContainerName_FirstContainerBecomesTheDriver()
    {
        var pod = Merged("""
            apiVersion: v1
            kind: Pod
            spec:
              containers:
                - name: main
                  image: whatever
                  securityContext:
                    runAsNonRoot: true
                - name: sidecar
                  image: sidecar
            """);

        Assert.Equal(["spark-kubernetes-driver", "sidecar"], pod.Spec.Containers.Select(c => c.Name));
        Assert.True(pod.Spec.Containers[0].SecurityContext.RunAsNonRoot);
        Assert.Equal("registry.example/covid-spark:3.5.3", pod.Spec.Containers[0].Image);
    }

    [Fact]
    public void Merge_TemplateWithoutContainers_DriverContainerAdded()
    {
        var pod = Merged("""
            apiVersion: v1
            kind: Pod
            spec:
              priorityClassName: batch-low
            """);

        Assert.Equal("batch-low", pod.Spec.PriorityClassName);
        Assert.Equal("spark-kubernetes-driver", Assert.Single(pod.Spec.Containers).Name);
    }
}
