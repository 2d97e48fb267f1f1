using System.Text.RegularExpressions;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Engine;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Sql;
using Covid.Tests.FakeKubernetes;
using Covid.Tests.Support.Sql;
using Covid.V1;
using k8s.Models;

namespace Covid.Tests.Support.Spark;

/// <summary>
/// The Spark driver's work, done by its DuckDB twin: reads the mounted query.sql for the dataset
/// path and the result directory, runs the analysis' plan on the embedded engine over that same
/// Parquet (or CSV in place), and writes the rows as Spark's JSON part files + _SUCCESS into that
/// directory. <see cref="PlanOf"/> is the plan it runs; DialectParityTests checks that its DuckDB
/// SQL and the script agree construct by construct. With compareTo the script's second view names
/// the other version's Parquet; the twin plans the comparison over exactly those two files.
/// </summary>
internal static partial class DuckDbTwinDriver
{
    /// <summary>
    /// A driver behaviour (executors, task progress, then the twin's output); <paramref name="specOf"/>
    /// maps an analysis id to its spec. With <paramref name="visibleAfter"/> the output appears to
    /// the server only that long after the driver wrote it (never, for an infinite span), as on an
    /// NFS volume whose client still caches "does not exist".
    /// </summary>
    public static Func<DriverContext, Task<int>> Create(FakeKubeApiServer fake, Func<string, Task<AnalysisSpec>> specOf, TimeSpan? work = null,
        TimeSpan? visibleAfter = null) =>
        SparkDriverBehaviours.RunExecutors(tasks: 4, work: work, body: ctx => RunAsync(fake, ctx, specOf, visibleAfter));

    private static async Task RunAsync(FakeKubeApiServer fake, DriverContext ctx, Func<string, Task<AnalysisSpec>> specOf, TimeSpan? visibleAfter)
    {
        var id = ctx.Pod.Metadata.Labels["covid-analysis/analysis-id"];
        var script = await MountedScriptAsync(fake, ctx);
        var result = Literal(ResultDirectory().Match(script), "the result directory");
        var spec = await specOf(id);
        var plan = ThenPath().Match(script) is { Success: true } then
            ? Compared(spec, Literal(DatasetPath().Match(script), "the dataset path"), Literal(then, "the compared version's path"))
            : PlanOf(script, spec);
        using var engine = new EmbeddedEngine(new EmbeddedEngineOptions());
        var table = await engine.RunAsync(new AnalysisJob("twin", () => true), plan, new Progress<EngineProgress>(), ctx.CancellationToken);
        SparkOutputWriter.Write(visibleAfter is null ? result : NotYetVisible(result, visibleAfter.Value), table);
        ctx.Log($"INFO FileFormatWriter: Write Job committed, {table.Rows.Count} rows to {result}");
    }

    /// <summary>The plan the twin runs for <paramref name="script"/>: the spec over the dataset the script reads, in the storage it reads it in.</summary>
    public static AnalysisPlan PlanOf(string script, AnalysisSpec spec)
    {
        var parquet = DatasetPath().Match(script);
        var info = parquet.Success
            ? TestDatasets.Info(Literal(parquet, "the dataset path"), spec.Dataset)
            : TestDatasets.Info("", spec.Dataset) with { OriginalPath = Literal(CsvPath().Match(script), "the dataset path"), Storage = DatasetStorage.CsvInPlace };
        return AnalysisPlanner.Plan(spec, new TestDatasets(info));
    }

    /// <summary>The spec's comparison over the two files the script names: this one as version 2, the other as version 1.</summary>
    private static AnalysisPlan Compared(AnalysisSpec spec, string dataset, string then)
    {
        var pinned = spec.Clone();
        pinned.Version = 0;
        pinned.AsOf = "";
        pinned.CompareTo = new CompareTo { Version = 1 };
        var versions = new TestDatasets(TestDatasets.Info(then, spec.Dataset), TestDatasets.Info(dataset, spec.Dataset) with { Version = 2 });
        return AnalysisPlanner.Plan(pinned, versions);
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

    /// <summary>A hidden sibling of <paramref name="result"/>, moved into its place after <paramref name="delay"/> (never, if infinite).</summary>
    private static string NotYetVisible(string result, TimeSpan delay)
    {
        var hidden = Path.Combine(Path.GetDirectoryName(result)!, ".not-yet-visible-" + Path.GetFileName(result));
        if (delay != Timeout.InfiniteTimeSpan)
        {
            _ = Task.Delay(delay).ContinueWith(_ => Directory.Move(hidden, result), TaskScheduler.Default);
        }
        return hidden;
    }

    // Decoded as Spark would read the literal (a '$' in a path is written \u0024).
    private static string Literal(Match match, string what) => match.Success
        ? SparkLiteral.All($"'{match.Groups[1].Value}'").Single()
        : throw new InvalidOperationException($"query.sql has no {what}");

    [GeneratedRegex(@"USING parquet OPTIONS \(path '((?:[^'\\]|\\.)*)'\)")]
    private static partial Regex DatasetPath();

    [GeneratedRegex(@"USING csv OPTIONS \(path '((?:[^'\\]|\\.)*)'")]
    private static partial Regex CsvPath();

    [GeneratedRegex(@"TEMPORARY VIEW `dataset_then` USING parquet OPTIONS \(path '((?:[^'\\]|\\.)*)'\)")]
    private static partial Regex ThenPath();

    [GeneratedRegex(@"INSERT OVERWRITE DIRECTORY '((?:[^'\\]|\\.)*)' USING json")]
    private static partial Regex ResultDirectory();
}
