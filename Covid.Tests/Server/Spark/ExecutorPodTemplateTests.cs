using Covid.Server.Spark;
using Covid.Tests.Deploy;
using k8s;
using Covid.Tests.Support.Deploy;

namespace Covid.Tests.Server.Spark;

public sealed class ExecutorPodTemplateTests
{
    [Fact]
    public void Build_NoConfiguredTemplate_RestrictedPodWithoutToken()
    {
        var pod = KubernetesYaml.Deserialize<k8s.Models.V1Pod>(ExecutorPodTemplate.Yaml(null), strict: true);

        Assert.Empty(RestrictedPodSecurity.Violations(pod));
        Assert.False(pod.Spec.AutomountServiceAccountToken);
        Assert.False(pod.Spec.EnableServiceLinks);
        var sc = pod.Spec.SecurityContext;
        Assert.Equal((1654L, 185L, 1654L, "OnRootMismatch"), (sc.RunAsUser!.Value, sc.RunAsGroup!.Value, sc.FsGroup!.Value, sc.FsGroupChangePolicy));
        Assert.Equal("spark-kubernetes-executor", Assert.Single(pod.Spec.Containers).Name);
    }

    [Fact]
    public void Build_ConfiguredTemplate_ItsOwnChoicesKeptGapsFilled()
    {
        var pod = ExecutorPodTemplate.Build("""
            apiVersion: v1
            kind: Pod
            metadata:
              labels: {team: analytics}
            spec:
              nodeSelector: {pool: spark}
              securityContext:
                runAsUser: 185
                runAsGroup: 185
              containers:
                - name: sidecar
                  image: busybox
                - name: spark-kubernetes-executor
                  securityContext:
                    capabilities:
                      drop: ["NET_RAW"]
            """);

        Assert.Equal("analytics", pod.Metadata.Labels["team"]);
        Assert.Equal("spark", pod.Spec.NodeSelector["pool"]);
        Assert.Equal((185L, 185L), (pod.Spec.SecurityContext.RunAsUser!.Value, pod.Spec.SecurityContext.RunAsGroup!.Value));
        Assert.True(pod.Spec.SecurityContext.RunAsNonRoot);
        Assert.Equal("RuntimeDefault", pod.Spec.SecurityContext.SeccompProfile.Type);
        var spark = pod.Spec.Containers.Single(c => c.Name == "spark-kubernetes-executor");
        Assert.Equal(["NET_RAW", "ALL"], spark.SecurityContext.Capabilities.Drop);
        Assert.False(spark.SecurityContext.AllowPrivilegeEscalation);
        // Only Spark's container is Spark's to harden; a sidecar the template brings is the template's.
        Assert.Null(pod.Spec.Containers.Single(c => c.Name == "sidecar").SecurityContext);
    }
}
