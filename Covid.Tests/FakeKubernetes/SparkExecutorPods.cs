using System.Globalization;
using k8s;
using k8s.Models;

namespace Covid.Tests.FakeKubernetes;

/// <summary>
/// An executor pod as Spark 3.5's executor feature steps build it: over the executor pod template
/// (<c>spark.kubernetes.executor.podTemplateFile</c>; its container named by
/// <c>spark.kubernetes.executor.podTemplateContainerName</c>, else the first), Spark sets the name,
/// its labels (template's, <c>spark.kubernetes.executor.label.*</c>, its own), the owner reference to
/// the driver pod (no blockOwnerDeletion), restartPolicy, service account, image, args, env, the
/// block manager port, resources (CPU request from <c>request.cores</c> or <c>spark.executor.cores</c>,
/// a CPU limit only from <c>limit.cores</c>, memory request = limit = heap + overhead), a local-dir
/// emptyDir and the PVC volumes; everything else (security contexts, the token) is the template's.
/// </summary>
internal static class SparkExecutorPods
{
    public const string DefaultContainer = "spark-kubernetes-executor";
    private const string Pvc = "spark.kubernetes.executor.volumes.persistentVolumeClaim.";

    public static V1Pod Build(DriverContext driver, int id)
    {
        var conf = driver.SparkProperties;
        var pod = Template(driver) ?? new V1Pod { Metadata = new V1ObjectMeta(), Spec = new V1PodSpec { Containers = [] } };
        pod.ApiVersion = "v1";
        pod.Kind = "Pod";
        pod.Metadata ??= new V1ObjectMeta();
        pod.Spec ??= new V1PodSpec();
        pod.Spec.Containers ??= [];
        var name = conf.GetValueOrDefault("spark.kubernetes.executor.podTemplateContainerName");
        var container = pod.Spec.Containers.FirstOrDefault(c => name is not null && c.Name == name) ?? pod.Spec.Containers.FirstOrDefault();
        if (container is null)
        {
            container = new V1Container();
            pod.Spec.Containers.Add(container);
        }
        var prefix = driver.Pod.Metadata.Name.EndsWith("-driver", StringComparison.Ordinal) ? driver.Pod.Metadata.Name[..^"-driver".Length] : driver.Pod.Metadata.Name;
        pod.Metadata.Name = $"{prefix}-exec-{id}";
        pod.Metadata.Labels = Labels(pod.Metadata.Labels, conf, driver.AppId, id);
        pod.Metadata.OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "Pod", Name = driver.Pod.Metadata.Name, Uid = driver.Pod.Metadata.Uid, Controller = true }];
        pod.Spec.RestartPolicy = "Never";
        pod.Spec.ServiceAccountName = conf.GetValueOrDefault("spark.kubernetes.authenticate.executor.serviceAccountName") ?? driver.Pod.Spec.ServiceAccountName;
        container.Name ??= DefaultContainer;
        container.Image = conf.GetValueOrDefault("spark.kubernetes.container.image") ?? driver.Pod.Spec.Containers[0].Image;
        container.Args = ["executor"];
        container.Env = [.. container.Env ?? [], .. Env(driver, id)];
        container.Ports = [new V1ContainerPort { Name = "blockmanager", ContainerPort = Int(conf, "spark.blockManager.port", 7079), Protocol = "TCP" }];
        container.Resources = Resources(container.Resources, conf);
        AddVolumes(pod, container, conf);
        return pod;
    }

    private static V1Pod? Template(DriverContext driver) =>
        driver.SparkProperties.GetValueOrDefault("spark.kubernetes.executor.podTemplateFile") is { } path && driver.ReadMountedFile(path) is { } yaml
            ? KubernetesYaml.Deserialize<V1Pod>(yaml)
            : null;

    private static Dictionary<string, string> Labels(IDictionary<string, string>? template, IReadOnlyDictionary<string, string> conf, string appId, int id)
    {
        var labels = new Dictionary<string, string>(template ?? new Dictionary<string, string>());
        const string prefix = "spark.kubernetes.executor.label.";
        foreach (var (key, value) in conf.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)))
        {
            labels[key[prefix.Length..]] = value;
        }
        labels["spark-app-selector"] = appId;
        labels["spark-role"] = "executor";
        labels["spark-exec-id"] = id.ToString(CultureInfo.InvariantCulture);
        labels["spark-exec-resourceprofile-id"] = "0";
        return labels;
    }

    private static IEnumerable<V1EnvVar> Env(DriverContext driver, int id) =>
    [
        new() { Name = "SPARK_EXECUTOR_ID", Value = id.ToString(CultureInfo.InvariantCulture) },
        new() { Name = "SPARK_APPLICATION_ID", Value = driver.AppId },
        new() { Name = "SPARK_DRIVER_URL", Value = $"spark://CoarseGrainedScheduler@{driver.SparkProperties.GetValueOrDefault("spark.driver.host")}:{driver.SparkProperties.GetValueOrDefault("spark.driver.port")}" },
        new() { Name = "SPARK_EXECUTOR_POD_IP", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "status.podIP", ApiVersion = "v1" } } },
    ];

    private static V1ResourceRequirements Resources(V1ResourceRequirements? template, IReadOnlyDictionary<string, string> conf)
    {
        var memory = new ResourceQuantity(PodMib(conf.GetValueOrDefault("spark.executor.memory") ?? "1g").ToString(CultureInfo.InvariantCulture) + "Mi");
        var requests = new Dictionary<string, ResourceQuantity>(template?.Requests ?? new Dictionary<string, ResourceQuantity>())
        {
            ["cpu"] = new(conf.GetValueOrDefault("spark.kubernetes.executor.request.cores") ?? conf.GetValueOrDefault("spark.executor.cores") ?? "1"),
            ["memory"] = memory,
        };
        var limits = new Dictionary<string, ResourceQuantity>(template?.Limits ?? new Dictionary<string, ResourceQuantity>()) { ["memory"] = memory };
        if (conf.GetValueOrDefault("spark.kubernetes.executor.limit.cores") is { } limit)
        {
            limits["cpu"] = new ResourceQuantity(limit);
        }
        return new V1ResourceRequirements { Requests = requests, Limits = limits };
    }

    private static void AddVolumes(V1Pod pod, V1Container container, IReadOnlyDictionary<string, string> conf)
    {
        var volumes = (pod.Spec.Volumes ?? []).ToList();
        var mounts = (container.VolumeMounts ?? []).ToList();
        volumes.Add(new V1Volume { Name = "spark-local-dir-1", EmptyDir = new V1EmptyDirVolumeSource() });
        mounts.Add(new V1VolumeMount { Name = "spark-local-dir-1", MountPath = "/var/data/spark-" + Guid.NewGuid() });
        foreach (var (key, claim) in conf.Where(p => p.Key.StartsWith(Pvc, StringComparison.Ordinal) && p.Key.EndsWith(".options.claimName", StringComparison.Ordinal)))
        {
            var volume = key[Pvc.Length..^".options.claimName".Length];
            volumes.Add(new V1Volume { Name = volume, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = claim } });
            mounts.Add(new V1VolumeMount { Name = volume, MountPath = conf.GetValueOrDefault($"{Pvc}{volume}.mount.path") ?? "/data" });
        }
        pod.Spec.Volumes = volumes;
        container.VolumeMounts = mounts;
    }

    private static int Int(IReadOnlyDictionary<string, string> conf, string key, int fallback) =>
        int.TryParse(conf.GetValueOrDefault(key), CultureInfo.InvariantCulture, out var value) ? value : fallback;

    /// <summary>Spark's executor pod memory: the heap plus max(10 %, 384 MiB).</summary>
    private static long PodMib(string heap)
    {
        var text = heap.Trim().ToLowerInvariant();
        var unit = char.IsLetter(text[^1]) ? text[^1] : 'm';
        var amount = long.Parse(char.IsLetter(text[^1]) ? text[..^1] : text, CultureInfo.InvariantCulture);
        var mib = unit switch { 'k' => amount / 1024, 'g' => amount * 1024, 't' => amount * 1024 * 1024, _ => amount };
        return mib + Math.Max(384, mib / 10);
    }
}
