namespace Covid.Client;

/// <summary>The step an analysis was at when a <see cref="Progress"/> was recorded.</summary>
public enum ProgressStage
{
    /// <summary>Not reported.</summary>
    Unspecified = 0,
    /// <summary>Waiting for an engine slot.</summary>
    Queued = 1,
    /// <summary>Validating and planning the spec.</summary>
    Planning = 2,
    /// <summary>Reading the dataset's rows.</summary>
    Scanning = 3,
    /// <summary>Combining rows into groups.</summary>
    Aggregating = 4,
    /// <summary>Drawing the chart.</summary>
    RenderingPlot = 5,
    /// <summary>Saving the result table.</summary>
    StoringResult = 6,
    /// <summary>Spark: creating the driver pod.</summary>
    LaunchingDriver = 7,
    /// <summary>Spark: the driver and its executors are running.</summary>
    RunningSpark = 8,
    /// <summary>The analysis reached a terminal state.</summary>
    Finished = 9,
}
