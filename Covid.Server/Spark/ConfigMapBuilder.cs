using Covid.SparkJob.Spark;
using k8s.Models;

namespace Covid.Server.Spark;

/// <summary>The driver's conf directory: the SQL script, spark.properties and the executor pod template.</summary>
public static class ConfigMapBuilder
{
    public const string ScriptKey = "query.sql";
    public const string PropertiesKey = "spark.properties";
    public const string ExecutorTemplateKey = "executor-pod-template.yaml";

    public static string ExecutorTemplatePath => SparkNames.ConfDirectory + "/" + ExecutorTemplateKey;

    public static V1ConfigMap Build(SparkNames names, string ns, SparkJobDescription job, string? executorTemplateYaml)
    {
        var data = new Dictionary<string, string>
        {
            [ScriptKey] = job.Script,
            [PropertiesKey] = job.PropertiesFile,
        };
        if (executorTemplateYaml is not null)
        {
            data[ExecutorTemplateKey] = executorTemplateYaml;
        }
        return new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta
            {
                Name = names.ConfigMap,
                NamespaceProperty = ns,
                Labels = names.CommonLabels("spark-driver"),
            },
            Data = data,
        };
    }
}
