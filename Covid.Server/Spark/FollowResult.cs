namespace Covid.Server.Spark;

/// <summary>How a followed driver ended, with the log tails of the executors that failed on the way.</summary>
public sealed record FollowResult(DriverState End, IReadOnlyList<string> FailedExecutors);
