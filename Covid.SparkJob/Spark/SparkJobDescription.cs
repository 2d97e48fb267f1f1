using System.Globalization;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Sql;

namespace Covid.SparkJob.Spark;

/// <summary>
/// What a Spark driver is given for one analysis: the <c>spark-sql -f</c> script, the confs
/// <c>spark-submit</c> would set (as a <c>spark.properties</c> file) and the driver pod's size.
/// </summary>
public sealed record SparkJobDescription(
    string Script,
    IReadOnlyDictionary<string, string> Properties,
    long DriverMemoryMib,
    SparkCpuSize DriverCpu)
{
    /// <summary>The volume name Spark uses in its executor PVC confs.</summary>
    public const string DataVolume = "data";

    /// <summary>Spark's name for the executor container; the template's container of this name becomes it.</summary>
    public const string ExecutorContainer = "spark-kubernetes-executor";

    public const int DriverPort = 7078;
    public const int BlockManagerPort = 7079;
    public const int UiPort = 4040;

    public string PropertiesFile => SparkProperties.Format(Properties);

    public static SparkJobDescription Build(AnalysisPlan plan, SparkJobSettings settings)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(settings);
        var script = SparkSqlDialect.Build(plan, settings.DatasetPath, settings.ResultDirectory, settings.ThenDatasetPath);
        var executorCpu = SparkCpuSize.Resolve(settings.ExecutorRequestCores, settings.ExecutorLimitCores, settings.ExecutorCores, "executor");
        var driverCpu = SparkCpuSize.Resolve(settings.DriverRequestCores, settings.DriverLimitCores, settings.DriverCores, "driver");
        var pvc = $"spark.kubernetes.executor.volumes.persistentVolumeClaim.{DataVolume}";
        var confs = new Dictionary<string, string>
        {
            ["spark.app.id"] = settings.AppId,
            ["spark.app.name"] = settings.AppName,
            ["spark.kubernetes.namespace"] = settings.Namespace,
            ["spark.kubernetes.container.image"] = settings.Image,
            ["spark.kubernetes.driver.pod.name"] = settings.DriverPodName,
            ["spark.driver.port"] = Int(DriverPort),
            ["spark.blockManager.port"] = Int(BlockManagerPort),
            ["spark.ui.port"] = Int(UiPort),
            // spark-submit reads the heap of a client-mode driver from here before starting its JVM.
            ["spark.driver.memory"] = settings.DriverMemory,
            ["spark.kubernetes.authenticate.executor.serviceAccountName"] = settings.ExecutorServiceAccount,
            [pvc + ".options.claimName"] = settings.PersistentVolumeClaim,
            [pvc + ".mount.path"] = settings.MountPath,
            ["spark.executor.instances"] = Int(settings.ExecutorInstances),
            ["spark.executor.memory"] = settings.ExecutorMemory,
            ["spark.executor.cores"] = Int(settings.ExecutorCores),
            // Executors get a CPU limit as well as a request, so a quota on limits.cpu admits them.
            ["spark.kubernetes.executor.request.cores"] = executorCpu.Request,
            ["spark.kubernetes.executor.limit.cores"] = executorCpu.Limit,
            ["spark.kubernetes.executor.deleteOnTermination"] = "true",
            // The launcher owns the driver's Service and the volume is our shared claim: without
            // these Spark's driver would delete services and list/delete PVCs, which the
            // least-privilege covid-spark Role (deploy/) does not grant.
            ["spark.kubernetes.driver.service.deleteOnTermination"] = "false",
            ["spark.kubernetes.driver.ownPersistentVolumeClaim"] = "false",
            ["spark.kubernetes.driver.reusePersistentVolumeClaim"] = "false",
        };
        // The confs the SQL's meaning depends on; the script sets them again (SparkSqlDialect).
        foreach (var (key, value) in SparkSessionConfs.All)
        {
            confs[key] = value;
        }
        if (settings.ExecutorPodTemplateFile is { } template)
        {
            confs["spark.kubernetes.executor.podTemplateFile"] = template;
            // By name, not "the first container": a sidecar listed first must not become the executor.
            confs["spark.kubernetes.executor.podTemplateContainerName"] = ExecutorContainer;
        }
        foreach (var (key, value) in settings.ExecutorLabels)
        {
            confs["spark.kubernetes.executor.label." + key] = value;
        }
        // Validates both sizes now, not when a pod fails to start.
        SparkMemory.ParseMib(settings.ExecutorMemory);
        return new SparkJobDescription(script, confs, SparkMemory.PodMib(settings.DriverMemory), driverCpu);
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
