using k8s;
using k8s.Models;

namespace Covid.Tests.FakeKubernetes;

/// <summary>Driver behaviours for Spark runs that go wrong on the executors' side.</summary>
public static class SparkDriverFailures
{
    /// <summary>
    /// What Spark does when its executors die (script them with the kubelet's policy, e.g. OOMKilled):
    /// creates <paramref name="executors"/>, waits until every one has failed (so which dies first under load does not matter), logs each lost executor,
    /// deletes the failed pods after <paramref name="deleteAfter"/> (ExecutorPodsLifecycleManager,
    /// deleteOnTermination), aborts the job and exits 1.
    /// </summary>
    public static Func<DriverContext, Task<int>> ExecutorsDie(int executors = 2, TimeSpan? deleteAfter = null) => async ctx =>
    {
        ctx.Log("INFO SparkContext: Running Spark version 3.5.3");
        await ctx.CreateExecutorsAsync(executors);
        var selector = $"spark-role=executor,spark-app-selector={ctx.AppId}";
        IList<V1Pod> failed;
        using (var bounded = CancellationTokenSource.CreateLinkedTokenSource(ctx.CancellationToken))
        {
            bounded.CancelAfter(TimeSpan.FromSeconds(30));
            while ((failed = (await ctx.Client.CoreV1.ListNamespacedPodAsync(ctx.Namespace, labelSelector: selector, cancellationToken: bounded.Token))
                .Items.Where(p => p.Status?.Phase == "Failed").ToList()).Count < executors)
            {
                await Task.Delay(20, bounded.Token);
            }
        }
        foreach (var pod in failed)
        {
            var id = pod.Metadata.Labels["spark-exec-id"];
            var code = pod.Status.ContainerStatuses?.FirstOrDefault()?.State?.Terminated?.ExitCode ?? 1;
            ctx.Log($"ERROR TaskSchedulerImpl: Lost executor {id} on {pod.Status.PodIP}: The executor with id {id} exited with exit code {code}.");
        }
        await Task.Delay(deleteAfter ?? TimeSpan.FromMilliseconds(300), ctx.CancellationToken);
        foreach (var pod in failed)
        {
            await ctx.Client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, ctx.Namespace, cancellationToken: ctx.CancellationToken);
        }
        var first = failed[0].Metadata.Labels["spark-exec-id"];
        ctx.Log("ERROR SparkSQLDriver: Failed in [INSERT OVERWRITE DIRECTORY ...]");
        ctx.Log($"org.apache.spark.SparkException: Job aborted due to stage failure: Task 0 in stage 0.0 failed 4 times, most recent failure: " +
            $"Lost task 0.3 in stage 0.0 (TID 3) (executor {first}): ExecutorLostFailure (executor {first} exited caused by one of the running tasks)");
        await ctx.DeleteExecutorsAsync();
        return 1;
    };
}
