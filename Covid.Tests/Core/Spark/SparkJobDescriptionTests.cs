using Covid.SparkJob.Spark;
using Covid.SparkJob.Sql;
using static Covid.Tests.Support.Spark.LaunchFixtures;

namespace Covid.Tests.Core.Spark;

public sealed class SparkJobDescriptionTests
{
    [Fact]
    public void Build_Settings_EveryConfSparkSubmitWouldSet()
    {
        var job = SparkJobDescription.Build(Plan(), Settings("/opt/spark/conf/executor-pod-template.yaml"));

        var expected = new Dictionary<string, string>
        {
            ["spark.app.id"] = "spark-abc123",
            ["spark.app.name"] = "covid-analysis-abc123",
            ["spark.kubernetes.namespace"] = "covid-analysis",
            ["spark.kubernetes.container.image"] = "apache/spark:3.5.3",
            ["spark.kubernetes.driver.pod.name"] = "covid-abc123-driver",
            ["spark.driver.port"] = "7078",
            ["spark.blockManager.port"] = "7079",
            ["spark.ui.port"] = "4040",
            ["spark.driver.memory"] = "2g",
            ["spark.kubernetes.authenticate.executor.serviceAccountName"] = "covid-spark-exec",
            ["spark.kubernetes.executor.volumes.persistentVolumeClaim.data.options.claimName"] = "covid-data",
            ["spark.kubernetes.executor.volumes.persistentVolumeClaim.data.mount.path"] = "/data",
            ["spark.kubernetes.executor.podTemplateFile"] = "/opt/spark/conf/executor-pod-template.yaml",
            ["spark.kubernetes.executor.podTemplateContainerName"] = "spark-kubernetes-executor",
            ["spark.executor.instances"] = "3",
            ["spark.executor.memory"] = "4g",
            ["spark.executor.cores"] = "2",
            ["spark.kubernetes.executor.request.cores"] = "2",
            ["spark.kubernetes.executor.limit.cores"] = "2",
            ["spark.kubernetes.executor.deleteOnTermination"] = "true",
            ["spark.kubernetes.driver.service.deleteOnTermination"] = "false",
            ["spark.kubernetes.driver.ownPersistentVolumeClaim"] = "false",
            ["spark.kubernetes.driver.reusePersistentVolumeClaim"] = "false",
            ["spark.kubernetes.executor.label.covid-analysis/analysis-id"] = "abc123",
            ["spark.sql.variable.substitute"] = "false",
            ["spark.sql.parser.escapedStringLiterals"] = "false",
            ["spark.sql.ansi.enabled"] = "true",
            ["spark.sql.legacy.timeParserPolicy"] = "CORRECTED",
            ["spark.sql.session.timeZone"] = "UTC",
            ["spark.sql.csv.parser.columnPruning.enabled"] = "false",
            ["spark.sql.csv.filterPushdown.enabled"] = "false",
            ["spark.sql.parquet.datetimeRebaseModeInRead"] = "CORRECTED",
        };
        Assert.Equal(expected.OrderBy(p => p.Key), job.Properties.OrderBy(p => p.Key));
        Assert.Equal(2048 + 384, job.DriverMemoryMib);
        Assert.Equal(("1", "1"), (job.DriverCpu.Request, job.DriverCpu.Limit));
    }

    [Fact]
    public void Build_SemanticConfs_InThePropertiesFileAndSetFirstInTheScript()
    {
        var job = SparkJobDescription.Build(Plan(), Settings());
        var lines = job.PropertiesFile.Split('\n');
        var statements = job.Script.Split('\n').SkipWhile(l => l.StartsWith("--", StringComparison.Ordinal)).TakeWhile(l => l.Length > 0).ToList();

        Assert.Contains("spark.sql.variable.substitute=false", lines);
        Assert.Contains("spark.sql.ansi.enabled=true", lines);
        Assert.Contains("spark.sql.legacy.timeParserPolicy=CORRECTED", lines);
        Assert.Contains("spark.sql.csv.parser.columnPruning.enabled=false", lines);
        // Before any statement that reads text Spark would otherwise substitute or parse by other rules.
        Assert.Equal(SparkSessionConfs.All.Select(c => $"SET {c.Key}={c.Value};"), statements);
        Assert.All(SparkSessionConfs.All, c => Assert.Equal(c.Value, job.Properties[c.Key]));
    }

    [Fact]
    public void Build_NoExecutorTemplate_NoPodTemplateConf()
    {
        var job = SparkJobDescription.Build(Plan(), Settings());

        Assert.DoesNotContain("spark.kubernetes.executor.podTemplateFile", job.Properties.Keys);
    }

    [Fact]
    public void Build_Plan_ScriptReadsDatasetAndWritesResultDirectory()
    {
        var job = SparkJobDescription.Build(Plan(), Settings());

        Assert.Equal(SparkSqlDialect.Build(Plan(), "/data/datasets/cdc-cases-deaths-by-state/data.parquet", "/data/analyses/abc123/spark-result"), job.Script);
        Assert.Contains("INSERT OVERWRITE DIRECTORY '/data/analyses/abc123/spark-result' USING json", job.Script);
    }

    [Fact]
    public void PropertiesFile_Confs_SortedAndEscapedLines()
    {
        var lines = SparkJobDescription.Build(Plan(), Settings()).PropertiesFile.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(lines.Order(StringComparer.Ordinal), lines);
        Assert.Contains("spark.kubernetes.executor.label.covid-analysis/analysis-id=abc123", lines);
        Assert.Contains("spark.app.id=spark-abc123", lines);
    }

    [Fact]
    public void Build_BadExecutorMemory_FormatExceptionBeforeAnyPod()
    {
        Assert.Throws<FormatException>(() => SparkJobDescription.Build(Plan(), Settings() with { ExecutorMemory = "lots" }));
    }
}
