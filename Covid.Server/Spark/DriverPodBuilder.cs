using System.Globalization;
using Covid.Server.Kubernetes;
using Covid.SparkJob.Spark;
using k8s.Models;

namespace Covid.Server.Spark;

/// <summary>
/// The driver pod, started as spark-submit starts its own: through the image entrypoint's
/// <c>driver</c> mode, which runs <c>spark-submit --deploy-mode client</c> under tini with the pod's
/// IP as bind address and, for a UID the image has no passwd entry for, fakes one with nss_wrapper
/// (Hadoop's login needs a user name; the pass-through mode skips that). The main class is
/// spark-sql's, so the pod runs <c>spark-sql -f</c> in client mode against the in-cluster API.
/// </summary>
public static class DriverPodBuilder
{
    public const string DataVolume = SparkJobDescription.DataVolume;
    public const string ConfVolume = "spark-conf-volume";
    public const string SparkSqlMainClass = "org.apache.spark.sql.hive.thriftserver.SparkSQLCLIDriver";

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
                            // The entrypoint's driver mode binds the driver to this address.
                            FieldEnv("SPARK_DRIVER_BIND_ADDRESS", "status.podIP"),
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
                        // Memory request = limit = heap + overhead, as spark-submit sizes drivers; a CPU
                        // limit too, so a namespace quota on limits.cpu admits the pod.
                        Resources = new V1ResourceRequirements
                        {
                            Requests = new Dictionary<string, ResourceQuantity>
                            {
                                ["cpu"] = new(job.DriverCpu.Request),
                                ["memory"] = memory,
                            },
                            Limits = new Dictionary<string, ResourceQuantity>
                            {
                                ["cpu"] = new(job.DriverCpu.Limit),
                                ["memory"] = memory,
                            },
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
        var merged = template is null ? pod : PodTemplateMerger.Merge(template, pod, SparkNames.DriverContainer);
        return SparkPodSecurity.Apply(merged, SparkNames.DriverContainer, mountToken: true);
    }

    /// <summary>
    /// The entrypoint's <c>driver</c> mode adds <c>--deploy-mode client</c> and the bind address;
    /// spark-submit treats spark-sql's main class as bin/spark-sql does (no application jar, the
    /// rest are its arguments), so this is <c>spark-sql -f query.sql</c> against the in-cluster API.
    /// </summary>
    public static IList<string> Args(SparkNames names, string ns) =>
    [
        "driver",
        "--master", "k8s://https://kubernetes.default.svc",
        "--properties-file", SparkNames.ConfDirectory + "/" + ConfigMapBuilder.PropertiesKey,
        "--conf", "spark.driver.host=" + DriverServiceBuilder.Host(names, ns),
        "--class", SparkSqlMainClass,
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
