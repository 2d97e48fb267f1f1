namespace Covid.Server.Spark;

public enum DriverOutcome
{
    /// <summary>Pending: scheduling, pulling the image, mounting volumes.</summary>
    Launching,
    Running,
    Succeeded,
    Failed,
    /// <summary>The pod vanished without our asking.</summary>
    Gone,
}
