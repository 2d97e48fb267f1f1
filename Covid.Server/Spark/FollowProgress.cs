using Covid.SparkJob.Engine;
using Stage = Covid.V1.ProgressEvent.Types.Stage;

namespace Covid.Server.Spark;

/// <summary>The progress event for one observation of a followed driver: what it waits for, or how far Spark is.</summary>
public static class FollowProgress
{
    public static EngineProgress Of(SparkNames names, DriverState state, PodWait? wait, SparkMonitor.Counts? counts, string deadline)
    {
        var waitText = wait is null ? null : wait.Counts ? $"{wait.Message} ({deadline})" : wait.Message;
        if (state.Outcome == DriverOutcome.Launching)
        {
            var message = waitText ?? $"driver pod {names.DriverPod} {state.Phase}: {(state.Reason.Length > 0 ? state.Reason : "scheduling")}";
            return new EngineProgress(Stage.LaunchingDriver, ProgressBudget.SparkLaunching, message,
                PodPhase: state.Phase, PodReason: wait?.Reason ?? state.Reason);
        }
        var done = counts?.TasksCompleted ?? 0;
        var total = counts?.TasksTotal ?? 0;
        var fraction = ProgressBudget.SparkTasks(total > 0 ? (double)done / total : 0);
        var tasks = total > 0 ? $", {done}/{total} tasks" : "";
        var text = waitText is null ? $"Spark running: {state.ExecutorsRunning} executor(s){tasks}" : $"Spark running, {waitText}";
        return new EngineProgress(Stage.RunningSpark, fraction, text,
            ExecutorsRunning: state.ExecutorsRunning, TasksCompleted: done, TasksTotal: total,
            PodPhase: state.Phase, PodReason: wait?.Reason ?? state.Reason);
    }
}
