namespace Covid.SparkJob.Engine;

/// <summary>
/// How an analysis' completion fraction is shared out among its stages, in one place. The runner
/// reports the overall fraction; an engine reports its own 0..1, which <see cref="Overall"/> maps
/// into the engine's slice.
/// </summary>
public static class ProgressBudget
{
    /// <summary>Overall: the analysis started running and its plan is ready.</summary>
    public const double Planned = 0.02;

    /// <summary>Overall: the engine's slice runs from here …</summary>
    public const double EngineStart = 0.05;

    /// <summary>… to here.</summary>
    public const double EngineEnd = 0.85;

    /// <summary>Overall: writing the result table.</summary>
    public const double StoringResult = 0.95;

    /// <summary>Embedded engine, own fraction: the DuckDB SQL is built.</summary>
    public const double EmbeddedPlanned = 0.02;

    /// <summary>Embedded engine, own fraction: DuckDB's query progress 0..100 % maps to this span.</summary>
    public const double EmbeddedScanStart = 0.05;

    public const double EmbeddedScanEnd = 0.95;

    /// <summary>Spark engine, own fraction: creating (or re-attaching to) the driver's objects.</summary>
    public const double SparkCreating = 0.01;

    public const double SparkReattached = 0.02;

    /// <summary>Spark engine, own fraction: the driver pod waits to be scheduled or started.</summary>
    public const double SparkLaunching = 0.05;

    /// <summary>Spark engine, own fraction: the driver runs; Spark's task counts fill the rest.</summary>
    public const double SparkRunning = 0.15;

    /// <summary>The overall fraction for an engine's own <paramref name="engineFraction"/>.</summary>
    public static double Overall(double engineFraction) =>
        EngineStart + (EngineEnd - EngineStart) * Math.Clamp(engineFraction, 0, 1);

    /// <summary>The embedded engine's own fraction at DuckDB's query progress <paramref name="share"/> (0..1).</summary>
    public static double EmbeddedScan(double share) =>
        EmbeddedScanStart + (EmbeddedScanEnd - EmbeddedScanStart) * Math.Clamp(share, 0, 1);

    /// <summary>The Spark engine's own fraction once the driver runs, at <paramref name="tasksShare"/> of Spark's tasks done.</summary>
    public static double SparkTasks(double tasksShare) =>
        SparkRunning + (1 - SparkRunning) * Math.Clamp(tasksShare, 0, 1);
}
