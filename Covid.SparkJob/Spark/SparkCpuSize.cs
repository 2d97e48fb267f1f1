namespace Covid.SparkJob.Spark;

/// <summary>
/// The CPU request and limit of one Spark pod. Both are always set: a namespace ResourceQuota on
/// <c>limits.cpu</c> refuses pods without a limit, and Spark would then retry creating its
/// executors every second, forever.
/// </summary>
public sealed record SparkCpuSize(long RequestMillicores, long LimitMillicores)
{
    public string Request => SparkCpu.Format(RequestMillicores);

    public string Limit => SparkCpu.Format(LimitMillicores);

    /// <summary>
    /// The request defaults to <paramref name="cores"/> (Spark's task slots); the limit to the cores
    /// or the request, whichever is larger. A limit below the request is refused here, as
    /// Kubernetes would refuse every pod.
    /// </summary>
    public static SparkCpuSize Resolve(string? request, string? limit, int cores, string what)
    {
        var requested = string.IsNullOrWhiteSpace(request) ? cores * 1000L : SparkCpu.ParseMillicores(request);
        var limited = string.IsNullOrWhiteSpace(limit) ? Math.Max(requested, cores * 1000L) : SparkCpu.ParseMillicores(limit);
        if (limited < requested)
        {
            throw new FormatException(
                $"the {what} CPU limit {SparkCpu.Format(limited)} is below its request {SparkCpu.Format(requested)}; Kubernetes would refuse every such pod");
        }
        return new SparkCpuSize(requested, limited);
    }
}
