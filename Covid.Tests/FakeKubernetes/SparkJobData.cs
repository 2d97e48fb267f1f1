namespace Covid.Tests.FakeKubernetes;

/// <summary>Spark's REST <c>JobData</c> (the fields a progress reader needs), serialized camelCase.</summary>
public sealed class SparkJobData
{
    /// <summary>Job id.</summary>
    public int JobId { get; set; }

    /// <summary>Job name (the action's call site).</summary>
    public string Name { get; set; } = "";

    /// <summary>RUNNING, SUCCEEDED, FAILED or UNKNOWN.</summary>
    public string Status { get; set; } = "RUNNING";

    /// <summary>Stages of the job.</summary>
    public List<int> StageIds { get; set; } = [];

    /// <summary>Submission time (Spark's "yyyy-MM-dd'T'HH:mm:ss.SSS'GMT'").</summary>
    public string? SubmissionTime { get; set; }

    /// <summary>Completion time, when done.</summary>
    public string? CompletionTime { get; set; }

    /// <summary>Total tasks.</summary>
    public int NumTasks { get; set; }

    /// <summary>Running tasks.</summary>
    public int NumActiveTasks { get; set; }

    /// <summary>Completed tasks.</summary>
    public int NumCompletedTasks { get; set; }

    /// <summary>Skipped tasks.</summary>
    public int NumSkippedTasks { get; set; }

    /// <summary>Failed tasks.</summary>
    public int NumFailedTasks { get; set; }

    /// <summary>Killed tasks.</summary>
    public int NumKilledTasks { get; set; }

    /// <summary>Active stages.</summary>
    public int NumActiveStages { get; set; }

    /// <summary>Completed stages.</summary>
    public int NumCompletedStages { get; set; }

    /// <summary>Skipped stages.</summary>
    public int NumSkippedStages { get; set; }

    /// <summary>Failed stages.</summary>
    public int NumFailedStages { get; set; }
}
