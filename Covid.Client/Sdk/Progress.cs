namespace Covid.Client;

/// <summary>One numbered step of an analysis, as the server recorded it.</summary>
public sealed record Progress
{
    /// <summary>1, 2, 3 … per analysis; pass the last one seen to resume a watch.</summary>
    public required long Sequence { get; init; }

    /// <summary>The analysis' name, "analyses/{id}".</summary>
    public required string Analysis { get; init; }

    /// <summary>When the step happened, if the server said.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>What the analysis was doing.</summary>
    public required ProgressStage Stage { get; init; }

    /// <summary>The analysis' state after this step.</summary>
    public required AnalysisState State { get; init; }

    /// <summary>Overall completion, 0..1.</summary>
    public double Fraction { get; init; }

    /// <summary>What happened, for people.</summary>
    public string Message { get; init; } = "";

    /// <summary>Dataset rows read so far.</summary>
    public long RowsScanned { get; init; }

    /// <summary>Dataset bytes read so far.</summary>
    public long BytesScanned { get; init; }

    /// <summary>Spark executors running.</summary>
    public int ExecutorsRunning { get; init; }

    /// <summary>Spark tasks completed.</summary>
    public int TasksCompleted { get; init; }

    /// <summary>Spark tasks in all.</summary>
    public int TasksTotal { get; init; }

    /// <summary>Spark driver pod phase (e.g. "Pending"), when there is one.</summary>
    public string PodPhase { get; init; } = "";

    /// <summary>Spark driver pod reason (e.g. "ImagePullBackOff"), when there is one.</summary>
    public string PodReason { get; init; } = "";
}
