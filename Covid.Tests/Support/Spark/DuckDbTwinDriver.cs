using System.Text.RegularExpressions;
using Covid.SparkJob.Engine;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Sql;
using Covid.Tests.FakeKubernetes;
using Covid.V1;
using k8s.Models;

namespace Covid.Tests.Support.Spark;

/// <summary>
/// The Spark driver's work, done by its DuckDB twin: reads the mounted query.sql for the dataset
/// path and the result directory, runs the analysis' plan on the embedded engine over that same
/// Parquet, and writes the rows as Spark's JSON part files + _SUCCESS into that directory.
/// </summary>
internal static partial class DuckDbTwinDriver
{
    /// <summary>A driver behaviour (executors, task progress, then the twin's output); <paramref name="specOf"/> maps an analysis id to its spec.</summary>
    public static Func<DriverContext, Task<int>> Create(FakeKubeApiServer fake, Func<string, Task<AnalysisSpec>> specOf, TimeSpan? work = null) =>
        SparkDriverBehaviours.RunExecutors(tasks: 4, work: work, body: ctx => RunAsync(fake, ctx, specOf));

    private static async Task RunAsync(FakeKubeApiServer fake, DriverContext ctx, Func<string, Task<AnalysisSpec>> specOf)
    {
        var id = ctx.Pod.Metadata.Labels["covid-analysis/analysis-id"];
        var script = await MountedScriptAsync(fake, ctx);
        var dataset = Literal(DatasetPath().Match(script), "the dataset path");
        var result = Literal(ResultDirectory().Match(script), "the result directory");
        var plan = AnalysisPlanner.Plan(await specOf(id), new TestDatasets(TestDatasets.Info(dataset)));
        using var engine = new EmbeddedEngine(new EmbeddedEngineOptions());
        var table = await engine.RunAsync(new AnalysisJob("twin", () => true), plan, new Progress<EngineProgress>(), ctx.CancellationToken);
        SparkOutputWriter.Write(result, table);
        ctx.Log($"INFO FileFormatWriter: Write Job committed, {table.Rows.Count} rows to {result}");
    }

    /// <summary>
    /// query.sql from the pod's ConfigMap volume. A kubelet only starts a container once the
    /// ConfigMaps it mounts exist; the launcher creates the ConfigMap just after the pod, so wait for it.
    /// </summary>
    private static async Task<string> MountedScriptAsync(FakeKubeApiServer fake, DriverContext ctx)
    {
        var mapName = ctx.Pod.Spec.Volumes.Single(v => v.ConfigMap is not null).ConfigMap.Name;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ctx.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (fake.Store.Get<V1ConfigMap>(ctx.Namespace, mapName) is not { } map)
        {
            await Task.Delay(20, timeout.Token);
        }
        return fake.Store.Get<V1ConfigMap>(ctx.Namespace, mapName)!.Data["query.sql"];
    }

    private static string Literal(Match match, string what) => match.Success
        ? Regex.Replace(match.Groups[1].Value, @"\\(.)", "$1")
        : throw new InvalidOperationException($"query.sql has no {what}");

    [GeneratedRegex(@"USING parquet OPTIONS \(path '((?:[^'\\]|\\.)*)'\)")]
    private static partial Regex DatasetPath();

    [GeneratedRegex(@"INSERT OVERWRITE DIRECTORY '((?:[^'\\]|\\.)*)' USING json")]
    private static partial Regex ResultDirectory();
}
