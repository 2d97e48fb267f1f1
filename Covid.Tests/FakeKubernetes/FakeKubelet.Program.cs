using k8s.Models;

namespace Covid.Tests.FakeKubernetes;

/// <summary>What runs inside a Running pod: a scripted wait, or the Spark driver behaviour.</summary>
public sealed partial class FakeKubelet
{
    private async Task<int> RunProgramAsync(V1Pod pod, PodScript script, CancellationToken ct)
    {
        var isDriver = pod.Metadata.Labels?.TryGetValue("spark-role", out var role) == true && role == "driver";
        if (isDriver && script.Outcome == PodOutcome.Succeed && DriverBehaviour is { } behaviour)
        {
            return await RunDriverAsync(pod, behaviour, ct);
        }
        if (script.Outcome == PodOutcome.RunUntilDeleted)
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        await Task.Delay(script.RunFor, ct);
        return script.Outcome switch
        {
            PodOutcome.Succeed => 0,
            PodOutcome.OomKilled or PodOutcome.Evicted => 137,
            _ => script.ExitCode,
        };
    }

    private async Task<int> RunDriverAsync(V1Pod pod, Func<DriverContext, Task<int>> behaviour, CancellationToken ct)
    {
        var context = new DriverContext(_fake, pod, ct);
        try
        {
            return await behaviour(context);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // A driver that throws is a driver that crashed: exit 1 with the stack trace in its log.
            _errors.Enqueue(e);
            context.Log($"Exception in thread \"main\" {e}");
            return 1;
        }
        finally
        {
            context.Spark.Finish();
        }
    }
}
