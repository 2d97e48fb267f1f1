namespace Covid.Server.Spark;

/// <summary>
/// What a Spark run's pods wait for while they wait: the driver to be scheduled or to start, or a
/// running driver's executors. <see cref="Counts"/> waits run against <c>Kubernetes:ScheduleTimeout</c>;
/// an image being pulled does not (a slow registry is not a stuck pod).
/// </summary>
/// <param name="Subject">Whose wait it is; the timeout clock restarts when this changes.</param>
/// <param name="Reason">Kubernetes' one-word reason (Unschedulable, FailedMount, ContainerCreating …).</param>
/// <param name="Message">For people: which pod waits for what, in Kubernetes' own words.</param>
/// <param name="Hint">Where to look when the wait ends the run; not shown while it may still be a healthy start.</param>
public sealed record PodWait(PodWaitSubject Subject, string Reason, string Message, bool Counts, string? Hint = null);
