using System.Globalization;

namespace Covid.Tests.FakeKubernetes;

/// <summary>Ready-made <see cref="FakeKubelet.DriverBehaviour"/>s.</summary>
public static class SparkDriverBehaviours
{
    /// <summary>
    /// What a Spark SQL driver does: creates <paramref name="executors"/> executor pods (default
    /// <c>spark.executor.instances</c>, else 2), waits for them to run, runs one job of one stage with
    /// <paramref name="tasks"/> tasks whose counts advance on the monitoring API over
    /// <paramref name="work"/>, calls <paramref name="body"/> (e.g. to write output files), deletes the
    /// executors (deleteOnTermination) and exits with <paramref name="exitCode"/>.
    /// </summary>
    public static Func<DriverContext, Task<int>> RunExecutors(
        int? executors = null, int tasks = 4, TimeSpan? work = null, int exitCode = 0, Func<DriverContext, Task>? body = null) => async ctx =>
    {
        var count = executors ?? (int.TryParse(ctx.SparkProperties.GetValueOrDefault("spark.executor.instances"), CultureInfo.InvariantCulture, out var n) ? n : 2);
        ctx.Log("INFO SparkContext: Running Spark version 3.5.3");
        ctx.Log($"INFO SparkContext: Submitted application: {ctx.Spark.Name}");
        await ctx.CreateExecutorsAsync(count);
        await ctx.WaitForExecutorsRunningAsync();
        ctx.Log($"INFO KubernetesClusterSchedulerBackend: SchedulerBackend is ready for scheduling beginning after reached minRegisteredResourcesRatio: 0.8");
        var now = SparkApplicationState.Time(DateTime.UtcNow);
        ctx.Spark.Update(s =>
        {
            s.Jobs.Add(new SparkJobData { JobId = 0, Name = "main at SparkSQLCLIDriver.scala", StageIds = [0], NumTasks = tasks, NumActiveStages = 1, SubmissionTime = now });
            s.Stages.Add(new SparkStageData { StageId = 0, Name = "main at SparkSQLCLIDriver.scala", NumTasks = tasks });
        });
        var step = (work ?? TimeSpan.FromMilliseconds(100)) / Math.Max(tasks, 1);
        for (var done = 1; done <= tasks; done++)
        {
            await Task.Delay(step, ctx.CancellationToken);
            var completed = done;
            ctx.Spark.Update(s =>
            {
                var active = Math.Min(count, tasks - completed);
                s.Jobs[0].NumCompletedTasks = completed;
                s.Jobs[0].NumActiveTasks = active;
                s.Stages[0].NumCompleteTasks = completed;
                s.Stages[0].NumActiveTasks = active;
            });
        }
        if (body is not null)
        {
            await body(ctx);
        }
        var end = SparkApplicationState.Time(DateTime.UtcNow);
        ctx.Spark.Update(s =>
        {
            s.Jobs[0].Status = exitCode == 0 ? "SUCCEEDED" : "FAILED";
            s.Jobs[0].CompletionTime = end;
            s.Jobs[0].NumActiveStages = 0;
            s.Jobs[0].NumCompletedStages = exitCode == 0 ? 1 : 0;
            s.Jobs[0].NumFailedStages = exitCode == 0 ? 0 : 1;
            s.Stages[0].Status = exitCode == 0 ? "COMPLETE" : "FAILED";
        });
        await ctx.DeleteExecutorsAsync();
        ctx.Log(exitCode == 0 ? "INFO SparkContext: Successfully stopped SparkContext" : $"ERROR SparkSQLCLIDriver: exiting with code {exitCode}");
        return exitCode;
    };
}
