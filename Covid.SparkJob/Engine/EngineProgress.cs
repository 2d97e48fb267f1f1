using Covid.V1;

namespace Covid.SparkJob.Engine;

/// <summary>A measured step of a running analysis, reported by an engine.</summary>
public sealed record EngineProgress(
    ProgressEvent.Types.Stage Stage,
    double Fraction,
    string Message,
    long RowsScanned = 0,
    long BytesScanned = 0,
    int ExecutorsRunning = 0,
    int TasksCompleted = 0,
    int TasksTotal = 0,
    string PodPhase = "",
    string PodReason = "");
