using Covid.Server.Progress;
using Covid.SparkJob.Engine;
using Covid.V1;
using Google.Protobuf.WellKnownTypes;
using State = Covid.V1.Analysis.Types.State;
using Stage = Covid.V1.ProgressEvent.Types.Stage;

namespace Covid.Server.Jobs;

/// <summary>
/// The only place an analysis changes state. Each change is saved to analysis.json first and then
/// announced as a progress event, so a crash between the two leaves a state on disk that start-up
/// recovery can repair (it adds the missing terminal event) rather than an event stream that
/// claims an end the analysis never reached.
/// </summary>
/// <remarks>
/// Every state is written before it is announced; only some are flushed to the disk first, each
/// flush costing milliseconds on the path of every analysis. QUEUED is (an acknowledged submit is
/// a promise), and so are FAILED and CANCELLED (decisions a re-run would not repeat). RUNNING is
/// not: after a machine crash the analysis is simply queued again.
/// SUCCEEDED is not either, because its result was flushed before it: losing it to a machine
/// crash means the analysis runs again and stores the same result.
/// </remarks>
public sealed class AnalysisLifecycle(AnalysisStore store, ProgressHub hub, AnalysisMetrics metrics)
{
    public static bool IsTerminal(State state) => state is State.Succeeded or State.Failed or State.Cancelled;

    public void Transition(AnalysisEntry entry, State state, Stage stage, double fraction, string message, Action<Analysis>? change = null)
    {
        lock (entry.Gate)
        {
            TransitionLocked(entry, state, stage, fraction, message, change);
        }
    }

    /// <summary>As <see cref="Transition"/>, for callers that already hold the entry's gate.</summary>
    public void TransitionLocked(AnalysisEntry entry, State state, Stage stage, double fraction, string message, Action<Analysis>? change = null)
    {
        var analysis = entry.Analysis;
        // A new analysis is built QUEUED: its first event is its entering that state.
        var previous = analysis.Progress is null ? State.Unspecified : analysis.State;
        var now = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
        change?.Invoke(analysis);
        analysis.State = state;
        if (state == State.Running)
        {
            analysis.StartTime ??= now;
        }
        if (IsTerminal(state))
        {
            analysis.EndTime ??= now;
            // Finished: its dataset may be deleted now (the result is stored with the analysis).
            entry.DatasetUse?.Dispose();
            entry.DatasetUse = null;
        }
        store.Save(analysis, durable: state is State.Queued or State.Failed or State.Cancelled);
        analysis.Progress = hub.Publish(entry.Id, new ProgressEvent
        {
            Analysis = analysis.Name,
            Stage = stage,
            State = state,
            Fraction = fraction,
            Message = message,
        });
        metrics.Entered(previous, analysis);
    }

    /// <summary>Announces a measured step of a running analysis; the state is unchanged so nothing is re-saved.</summary>
    public void Report(AnalysisEntry entry, EngineProgress progress, double fraction)
    {
        lock (entry.Gate)
        {
            if (entry.Analysis.State != State.Running)
            {
                return;
            }
            entry.Analysis.Progress = hub.Publish(entry.Id, new ProgressEvent
            {
                Analysis = entry.Analysis.Name,
                Stage = progress.Stage,
                State = State.Running,
                Fraction = fraction,
                Message = progress.Message,
                RowsScanned = progress.RowsScanned,
                BytesScanned = progress.BytesScanned,
                ExecutorsRunning = progress.ExecutorsRunning,
                TasksCompleted = progress.TasksCompleted,
                TasksTotal = progress.TasksTotal,
                PodPhase = progress.PodPhase,
                PodReason = progress.PodReason,
            });
        }
    }
}
