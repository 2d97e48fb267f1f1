using Covid.SparkJob.Spark;
using Microsoft.Extensions.Options;

namespace Covid.Server.Spark;

/// <summary>
/// After a driver succeeded, waits until its committed result is visible to the server, bounded by
/// <c>Spark:ResultVisibilityTimeout</c>: on NFS-backed volumes the server's client may still say
/// "does not exist" from a cache filled by the check made before the launch.
/// </summary>
public sealed class SparkResultWait(IOptions<SparkOptions> spark, TimeProvider time, ILogger<SparkResultWait> logger)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    public TimeSpan Timeout => spark.Value.ResultVisibilityTimeout;

    /// <summary>True once the result is complete; false when it still is not after the timeout.</summary>
    public async Task<bool> WaitAsync(string resultDirectory, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var delay = FirstDelay;
        while (true)
        {
            if (SparkResultReader.IsComplete(resultDirectory))
            {
                return true;
            }
            var left = Timeout - (time.GetUtcNow() - started);
            if (left <= TimeSpan.Zero)
            {
                return false;
            }
            if (delay == FirstDelay)
            {
                logger.LogInformation("Spark's result at {Directory} is not visible yet; checking again for up to {Timeout}", resultDirectory, Timeout);
            }
            await Task.Delay(delay < left ? delay : left, time, cancellationToken);
            delay = delay * 2 < MaxDelay ? delay * 2 : MaxDelay;
        }
    }
}
