using System.Globalization;
using Covid.Server.Kubernetes;
using Covid.SparkJob.Spark;
using k8s.Models;

namespace Covid.Server.Spark;

/// <summary>
/// The driver pod: the Spark image's entrypoint passes a non-"driver" command through, so the pod
/// runs <c>spark-sql</c> itself in client mode, as spark-submit's driver pods run their main class.
/// </summary>
public static class DriverPodBuilder
{
    public const string DataVolume = SparkJobDescription.DataVolume;
    public const string ConfVolume = "spark-conf-volume";

    public static V1Pod Build(SparkNames names, string ns, SparkJobDescription job, KubernetesOptions options, V1Pod? template)
    {
        var labels = names.CommonLabels("spark-driver");
        labels[SparkNames.SparkRoleLabel] = "driver";
        var memory = new ResourceQuantity(job.DriverMemoryMib.ToString(CultureInfo.InvariantCulture) + "Mi");
        var pod = new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta { Name = names.DriverPod, NamespaceProperty = ns, Labels = labels },
            Spec = new V1PodSpec
            {
                ServiceAccountName = options.ServiceAccount,
                RestartPolicy = "Never",
                Containers =
                [
                    new V1Container
                    {
                        Name = SparkNames.DriverContainer,
                        Image = options.SparkImage,
                        ImagePullPolicy = options.ImagePullPolicy,
                        Args = Args(names, ns),
                        Env =
                        [
                            FieldEnv("POD_NAME", "metadata.name"),
                            FieldEnv("POD_IP", "status.podIP"),
                            Env("SPARK_USER", "spark"),
                            Env("SPARK_APPLICATION_ID", names.AppId),
                            Env("SPARK_CONF_DIR", SparkNames.ConfDirectory),
                        ],
                        Ports =
                        [
                            Port("driver-rpc-port", SparkJobDescription.DriverPort),
                            Port("blockmanager", SparkJobDescription.BlockManagerPort),
                            Port("spark-ui", SparkJobDescription.UiPort),
                        ],
                        // As spark-submit sizes drivers: memory request = limit = heap + overhead, a CPU request and no CPU limit.
                        Resources = new V1ResourceRequirements
                        {
                            Requests = new Dictionary<string, ResourceQuantity>
                            {
                                ["cpu"] = new(job.DriverCores.ToString(CultureInfo.InvariantCulture)),
                                ["memory"] = memory,
                            },
                            Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = memory },
                        },
                        VolumeMounts =
                        [
                            new V1VolumeMount { Name = DataVolume, MountPath = options.MountPath },
                            new V1VolumeMount { Name = ConfVolume, MountPath = SparkNames.ConfDirectory, ReadOnlyProperty = true },
                        ],
                    },
                ],
                Volumes =
                [
                    new V1Volume { Name = DataVolume, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = options.PersistentVolumeClaim } },
                    new V1Volume { Name = ConfVolume, ConfigMap = new V1ConfigMapVolumeSource { Name = names.ConfigMap } },
                ],
            },
        };
        return template is null ? pod : PodTemplateMerger.Merge(template, pod, SparkNames.DriverContainer);
    }

    /// <summary>
    /// spark-sql in client mode against the in-cluster API server; Kubernetes expands $(POD_IP)
    /// from the container's env before the process starts.
    /// </summary>
    public static IList<string> Args(SparkNames names, string ns) =>
    [
        "/opt/spark/bin/spark-sql",
        "--master", "k8s://https://kubernetes.default.svc",
        "--deploy-mode", "client",
        "--properties-file", SparkNames.ConfDirectory + "/" + ConfigMapBuilder.PropertiesKey,
        "--conf", "spark.driver.host=" + DriverServiceBuilder.Host(names, ns),
        "--conf", "spark.driver.bindAddress=$(POD_IP)",
        "-f", SparkNames.ConfDirectory + "/" + ConfigMapBuilder.ScriptKey,
    ];

    private static V1EnvVar FieldEnv(string name, string path) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = path, ApiVersion = "v1" } },
    };

    private static V1EnvVar Env(string name, string value) => new() { Name = name, Value = value };

    private static V1ContainerPort Port(string name, int port) => new() { Name = name, ContainerPort = port, Protocol = "TCP" };
}
