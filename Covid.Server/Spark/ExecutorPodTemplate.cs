using Covid.SparkJob.Spark;
using k8s;
using k8s.Models;

namespace Covid.Server.Spark;

/// <summary>
/// The executor pod template the driver is given (<c>spark.kubernetes.executor.podTemplateFile</c>),
/// always: the configured <c>Kubernetes:ExecutorPodTemplate</c>, or an empty pod, with
/// <see cref="SparkPodSecurity"/>'s defaults where it is silent and no service-account token
/// (executors call no API). Spark builds every executor over it, adding image, command, env,
/// resources and volumes, none of which changes the security context.
/// </summary>
public static class ExecutorPodTemplate
{
    public const string Container = SparkJobDescription.ExecutorContainer;

    public static V1Pod Build(string? configuredYaml)
    {
        var pod = configuredYaml is null
            ? new V1Pod { ApiVersion = "v1", Kind = "Pod", Spec = new V1PodSpec { Containers = [new V1Container { Name = Container }] } }
            : KubernetesYaml.Deserialize<V1Pod>(configuredYaml);
        return SparkPodSecurity.Apply(pod, Container, mountToken: false);
    }

    public static string Yaml(string? configuredYaml) => KubernetesYaml.Serialize(Build(configuredYaml));
}
