using System.Globalization;
using Covid.Server.Kubernetes;

namespace Covid.Server.Spark;

/// <summary>
/// The bounds on one follow, so that no run waits forever: a driver image that cannot be pulled
/// (<c>Kubernetes:ImagePullTimeout</c>), pods that stay unscheduled or unstarted
/// (<c>Kubernetes:ScheduleTimeout</c>) and the whole run (<c>Spark:RunTimeout</c>, from the driver
/// pod's creation, so a server restart does not extend it). Each returns the failed state to end with.
/// </summary>
public sealed class FollowTimeouts(KubernetesOptions kubernetes, SparkOptions spark, DateTimeOffset started)
{
    private DateTimeOffset? pullFailingSince;
    private (PodWaitSubject Subject, DateTimeOffset Since)? waiting;

    public DriverState? Check(DriverState state, PodWait? wait, DateTime? driverCreated, DateTimeOffset now)
    {
        pullFailingSince = state.PullingImageFails ? pullFailingSince ?? now : null;
        if (pullFailingSince is { } pulling && now - pulling >= kubernetes.ImagePullTimeout)
        {
            return state with
            {
                Outcome = DriverOutcome.Failed,
                Message = $"image {kubernetes.SparkImage} could not be pulled for {Text(kubernetes.ImagePullTimeout)} " +
                    $"(Kubernetes:ImagePullTimeout){(state.Message.Length > 0 ? ": " + state.Message : "")}",
            };
        }
        if (wait is not { Counts: true })
        {
            waiting = null;
        }
        else if (waiting?.Subject != wait.Subject)
        {
            waiting = (wait.Subject, now);
        }
        if (waiting is { } w && wait is not null && now - w.Since >= kubernetes.ScheduleTimeout)
        {
            return state with
            {
                Outcome = DriverOutcome.Failed,
                Reason = wait.Reason,
                Summary = $"the Spark run gave up after {Text(kubernetes.ScheduleTimeout)} (Kubernetes:ScheduleTimeout): {wait.Message}"
                    + (wait.Hint is null ? "" : $" ({wait.Hint})"),
            };
        }
        var runStart = driverCreated is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : started;
        if (now - runStart >= spark.RunTimeout)
        {
            return state with
            {
                Outcome = DriverOutcome.Failed,
                Reason = "RunTimeout",
                Summary = $"the Spark run gave up after {Text(spark.RunTimeout)} (Spark:RunTimeout): the driver was still {state.Phase}",
            };
        }
        return null;
    }

    /// <summary>The deadline a counting wait runs against, for progress messages.</summary>
    public string ScheduleDeadline => $"gives up after {Text(kubernetes.ScheduleTimeout)}, Kubernetes:ScheduleTimeout";

    private static string Text(TimeSpan span) => span.ToString("c", CultureInfo.InvariantCulture);
}
