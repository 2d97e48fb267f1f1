using Covid.Server.Kubernetes;
using Covid.Server.Storage;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Spark;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Options;

namespace Covid.Server.Spark;

/// <summary>
/// Turns a plan into the objects of its Spark run, with paths checked against the shared volume:
/// whatever the server reads or writes must lie under <c>Kubernetes:MountPath</c>, or the driver
/// and executors (which mount the same PVC at the same path) would not see it.
/// </summary>
public sealed class SparkObjectsFactory(IOptions<KubernetesOptions> kubernetes, IOptions<SparkOptions> spark, DataLayout layout)
{
    public string Namespace => kubernetes.Value.ResolvedNamespace;

    /// <summary>Where Spark writes the analysis' result, as the server and the pods see it.</summary>
    public string ResultDirectory(string analysisId) => layout.SparkResult(analysisId);

    public SparkObjects Create(string analysisId, AnalysisPlan plan)
    {
        var o = kubernetes.Value;
        var names = new SparkNames(analysisId);
        var ns = Namespace;
        var resultDirectory = ResultDirectory(analysisId);
        RequireOnVolume(plan.Dataset.ReadPath, "the dataset's file");
        if (plan.Then is { } then)
        {
            RequireOnVolume(then.ReadPath, "the compared dataset version's file");
        }
        RequireOnVolume(resultDirectory, "the result directory (Data:Directory)");
        var executorLabels = names.CommonLabels("spark-executor");
        executorLabels.Remove(SparkNames.AppSelectorLabel); // Spark sets its own, and refuses ours.
        var settings = new SparkJobSettings
        {
            AnalysisId = analysisId,
            Namespace = ns,
            Image = o.SparkImage,
            DriverPodName = names.DriverPod,
            ExecutorServiceAccount = o.ResolvedExecutorServiceAccount,
            PersistentVolumeClaim = o.PersistentVolumeClaim,
            MountPath = o.MountPath,
            ExecutorPodTemplateFile = ConfigMapBuilder.ExecutorTemplatePath,
            DatasetPath = Path.GetFullPath(plan.Dataset.ReadPath),
            ThenDatasetPath = plan.Then is { } compared ? Path.GetFullPath(compared.ReadPath) : null,
            ResultDirectory = resultDirectory,
            ExecutorInstances = spark.Value.ExecutorInstances,
            ExecutorMemory = spark.Value.ExecutorMemory,
            ExecutorCores = spark.Value.ExecutorCores,
            DriverMemory = spark.Value.DriverMemory,
            DriverCores = spark.Value.DriverCores,
            DriverRequestCores = spark.Value.DriverRequestCores,
            DriverLimitCores = spark.Value.DriverLimitCores,
            ExecutorRequestCores = spark.Value.ExecutorRequestCores,
            ExecutorLimitCores = spark.Value.ExecutorLimitCores,
            ExecutorLabels = executorLabels,
        };
        var job = SparkJobDescription.Build(plan, settings);
        var executorTemplate = ExecutorPodTemplate.Yaml(o.ExecutorPodTemplate is { } executorPath ? ReadTemplate(executorPath, "Kubernetes:ExecutorPodTemplate") : null);
        V1Pod? driverTemplate = null;
        if (o.DriverPodTemplate is { } driverPath)
        {
            driverTemplate = KubernetesYaml.Deserialize<V1Pod>(ReadTemplate(driverPath, "Kubernetes:DriverPodTemplate"));
        }
        return new SparkObjects(
            names,
            DriverPodBuilder.Build(names, ns, job, o, driverTemplate),
            ConfigMapBuilder.Build(names, ns, job, executorTemplate),
            DriverServiceBuilder.Build(names, ns));
    }

    private void RequireOnVolume(string path, string what)
    {
        var mount = Path.TrimEndingDirectorySeparator(Path.GetFullPath(kubernetes.Value.MountPath)) + Path.DirectorySeparatorChar;
        if (!Path.GetFullPath(path).StartsWith(mount, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"{what} at {Path.GetFullPath(path)} is not under Kubernetes:MountPath {kubernetes.Value.MountPath}, " +
                $"where the PVC {kubernetes.Value.PersistentVolumeClaim} is mounted; Spark pods could not see it");
        }
    }

    private static string ReadTemplate(string path, string key)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{key} {path} does not exist");
        }
        return File.ReadAllText(path);
    }
}
