using Covid.Server.Progress;
using Covid.Server.Storage;
using Covid.SparkJob.Engine;
using Covid.V1;
using Google.Protobuf.WellKnownTypes;
using State = Covid.V1.Analysis.Types.State;
using Stage = Covid.V1.ProgressEvent.Types.Stage;

namespace Covid.Server.Jobs;

/// <summary>
/// The only place an analysis changes state. Each change is made on a copy, saved by
/// <see cref="AnalysisStore"/> (QUEUED to analysis.json, an end to outcome.json, RUNNING as its active marker's name), and only then made current and announced as a progress event: a save that fails throws and
/// changes nothing, so no caller, stream or restart ever sees a state the disk does not hold, and
/// a crash between save and event leaves a state start-up recovery can repair (it adds the missing
/// terminal event) rather than an event stream that claims an end the analysis never reached.
/// </summary>
/// <remarks>
/// Every state is written before it is announced; only some are flushed to the disk first, each
/// flush costing milliseconds on the path of every analysis. QUEUED is (an acknowledged submit is
/// a promise), and so are FAILED and CANCELLED (decisions a re-run would not repeat). RUNNING is
/// not (nor is its marker): after a machine crash the analysis is simply queued again.
/// SUCCEEDED is not either, because its result was flushed before it: losing it to a machine
/// crash means the analysis runs again and stores the same result.
/// </remarks>
public sealed class AnalysisLifecycle(AnalysisStore store, ProgressHub hub, AnalysisIndex index, AnalysisMetrics metrics, ILogger<AnalysisLifecycle> logger)
{
    public static bool IsTerminal(State state) => state is State.Succeeded or State.Failed or State.Cancelled;

    /// <exception cref="IOException">The state could not be saved; nothing changed.</exception>
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
        var next = Next(entry, state, change);
        store.Save(next, durable: state is State.Queued or State.Failed or State.Cancelled);
        Commit(entry, next, stage, fraction, message);
    }

    /// <summary>
    /// Start-up's decisions (queue again, fail what cannot be planned): saved like any transition,
    /// but taken in memory even when the save fails (a full disk at start), because the next start
    /// reads the old state and decides the same again: a RUNNING on disk is queued again, a
    /// dataset that is gone fails again.
    /// </summary>
    public void Recover(AnalysisEntry entry, State state, Stage stage, double fraction, string message, Action<Analysis>? change = null)
    {
        lock (entry.Gate)
        {
            var next = Next(entry, state, change);
            try
            {
                store.Save(next, durable: true);
            }
            catch (Exception ex) when (StorageFailure.IsStorage(ex))
            {
                logger.LogError("Analysis {Id}: could not save its recovered state {State} ({Reason}); the next start decides again",
                    entry.Id, state, ex.Message);
            }
            Commit(entry, next, stage, fraction, message);
        }
    }

    /// <summary>
    /// Announces a step without changing the state (nothing is saved): a measured step of a run,
    /// the FINISHED event a crash kept from being written, or a wait for the disk.
    /// </summary>
    public void Announce(AnalysisEntry entry, Stage stage, double fraction, string message)
    {
        lock (entry.Gate)
        {
            entry.Analysis.Progress = hub.Publish(entry.Id, new ProgressEvent
            {
                Analysis = entry.Analysis.Name,
                Stage = stage,
                State = entry.Analysis.State,
                Fraction = fraction,
                Message = message,
            });
        }
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

    private static Analysis Next(AnalysisEntry entry, State state, Action<Analysis>? change)
    {
        var next = entry.Analysis.Clone();
        var now = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
        change?.Invoke(next);
        next.State = state;
        if (state == State.Running)
        {
            next.StartTime ??= now;
        }
        if (IsTerminal(state))
        {
            next.EndTime ??= now;
        }
        return next;
    }

    private void Commit(AnalysisEntry entry, Analysis saved, Stage stage, double fraction, string message)
    {
        // A new analysis is built QUEUED: its first event is its entering that state.
        var previous = entry.Analysis.Progress is null ? State.Unspecified : entry.Analysis.State;
        var terminal = IsTerminal(saved.State);
        if (terminal)
        {
            // Finished: its dataset may be deleted now (the result is stored with the analysis).
            entry.DatasetUse?.Dispose();
            entry.DatasetUse = null;
        }
        entry.Commit(saved);
        saved.Progress = hub.Publish(entry.Id, new ProgressEvent
        {
            Analysis = saved.Name,
            Stage = stage,
            State = saved.State,
            Fraction = fraction,
            Message = message,
        });
        if (terminal)
        {
            index.Finished(entry);
            store.RecordFinished(saved);
        }
        metrics.Entered(previous, saved);
    }
}
