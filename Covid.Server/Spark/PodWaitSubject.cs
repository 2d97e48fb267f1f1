namespace Covid.Server.Spark;

/// <summary>Which pods of a Spark run are waiting.</summary>
public enum PodWaitSubject
{
    /// <summary>The driver pod is Pending: not scheduled, or not started on its node.</summary>
    Driver,

    /// <summary>The driver runs, but none of its executors does.</summary>
    Executors,
}
