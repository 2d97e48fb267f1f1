namespace Covid.Tests.FakeKubernetes;

/// <summary>Spark's REST <c>StageData</c>; note Spark's own <c>numCompleteTasks</c> (not "Completed").</summary>
public sealed class SparkStageData
{
    /// <summary>ACTIVE, COMPLETE, PENDING, FAILED or SKIPPED.</summary>
    public string Status { get; set; } = "ACTIVE";

    /// <summary>Stage id.</summary>
    public int StageId { get; set; }

    /// <summary>Attempt.</summary>
    public int AttemptId { get; set; }

    /// <summary>Stage name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Total tasks.</summary>
    public int NumTasks { get; set; }

    /// <summary>Running tasks.</summary>
    public int NumActiveTasks { get; set; }

    /// <summary>Completed tasks (Spark spells it numCompleteTasks).</summary>
    public int NumCompleteTasks { get; set; }

    /// <summary>Failed tasks.</summary>
    public int NumFailedTasks { get; set; }

    /// <summary>Killed tasks.</summary>
    public int NumKilledTasks { get; set; }

    /// <summary>Bytes read.</summary>
    public long InputBytes { get; set; }

    /// <summary>Records read.</summary>
    public long InputRecords { get; set; }
}
