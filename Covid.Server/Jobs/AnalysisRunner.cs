using System.Diagnostics;
using Covid.Server.Telemetry;
using Covid.Server.Storage;
using Covid.Server.Tenancy;
using Covid.SparkJob.Engine;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Results;
using Covid.V1;
using State = Covid.V1.Analysis.Types.State;
using Stage = Covid.V1.ProgressEvent.Types.Stage;

namespace Covid.Server.Jobs;

/// <summary>
/// Runs one queued analysis: its plan on its engine → stored result, ending in a terminal state.
/// What it records is saved before anyone sees it (<see cref="AnalysisLifecycle"/>); when the disk
/// refuses, the analysis keeps the state the disk holds and says so in its events: one that could
/// not be marked RUNNING stays QUEUED and is tried again, one whose outcome could not be stored
/// stays RUNNING while the outcome is retried (a result that will not fit fails it instead). A
/// server stopping in the meantime leaves it to the next start, which reads the same state.
/// </summary>
public sealed class AnalysisRunner(
    AnalysisIndex index,
    AnalysisLifecycle lifecycle,
    AnalysisQueue queue,
    AnalysisStore store,
    EngineSelector engines,
    ResultCache results,
    DataLayout layout,
    AnalysisMetrics metrics,
    ILogger<AnalysisRunner> logger)
{
    /// <summary>Attempts at storing a result before the analysis is failed for want of space instead.</summary>
    private const int ResultAttempts = 5;

    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <param name="stopping">Set on SIGTERM: an analysis not started yet is left QUEUED.</param>
    /// <param name="interrupt">Set when the shutdown grace period is over: a running analysis is stopped and runs again at the next start.</param>
    public async Task RunAsync(string id, CancellationToken stopping, CancellationToken interrupt)
    {
        var entry = index.Get(id, Caller.System);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        if (!Start(entry, cancellation, stopping))
        {
            return;
        }
        using var activity = CovidDiagnostics.Traces.StartActivity("RunAnalysis", ActivityKind.Internal, entry.SubmitTrace);
        activity?.SetTag(CovidDiagnostics.AnalysisIdTag, id).SetTag(CovidDiagnostics.EngineTag, entry.Snapshot().Engine.ToString().ToLowerInvariant());
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["AnalysisId"] = id });
        using var run = metrics.Running();
        logger.LogInformation("Analysis {Id} running on {Engine}", id, entry.Snapshot().Engine);
        Outcome outcome;
        try
        {
            var table = await RunEngineAsync(entry, cancellation.Token);
            var result = ResultMapper.ToProto(entry.Id, table);
            DatasetPins.Stamp(result, entry.Snapshot());
            outcome = Outcome.Succeeded(result);
        }
        catch (Exception ex) when (entry.CancelRequested)
        {
            // Engines may surface an interrupted query as their own exception type, not only as OperationCanceledException.
            logger.LogInformation("Analysis {Id} cancelled ({Type})", id, ex.GetType().Name);
            outcome = Outcome.Ended(State.Cancelled, "cancelled by request");
        }
        catch (Exception) when (interrupt.IsCancellationRequested)
        {
            // Left RUNNING on disk on purpose: start-up recovery runs it again.
            logger.LogInformation("Analysis {Id} interrupted by server shutdown; it runs again at the next start", id);
            return;
        }
        catch (Exception ex)
        {
            if (ex is ArgumentException or InvalidOperationException or NullReferenceException or IndexOutOfRangeException or KeyNotFoundException)
            {
                // A bug's kind of exception, not a failure an engine described: its stack tells where it came from.
                logger.LogError(ex, "Analysis {Id} failed with an unexpected {Type}", id, ex.GetType().Name);
            }
            // Engines name the files they read; the client sees them relative to the data directory.
            outcome = Outcome.Ended(State.Failed, layout.Relative(ex.Message));
        }
        finally
        {
            lock (entry.Gate)
            {
                entry.Cancellation = null;
            }
        }
        await RecordAsync(entry, outcome, interrupt);
    }

    /// <summary>QUEUED → RUNNING, saved first; false when it is not to run now.</summary>
    private bool Start(AnalysisEntry entry, CancellationTokenSource cancellation, CancellationToken stopping)
    {
        lock (entry.Gate)
        {
            // Cancelled while it waited, or the server is stopping: nothing to do (it stays QUEUED on disk).
            if (entry.Analysis.State != State.Queued || stopping.IsCancellationRequested)
            {
                return false;
            }
            try
            {
                lifecycle.TransitionLocked(entry, State.Running, Stage.Planning, ProgressBudget.Planned, "planning", a => a.FailureReason = "");
                entry.SaveFailures = 0;
            }
            catch (Exception ex) when (StorageFailure.IsStorage(ex))
            {
                var delay = RetryDelay(++entry.SaveFailures);
                var reason = StorageFailure.Describe(ex, layout);
                logger.LogWarning("Analysis {Id} could not be marked RUNNING ({Reason}); it stays QUEUED and is tried again in {Delay}", entry.Id, reason, delay);
                lifecycle.Announce(entry, Stage.Queued, 0, $"waiting: could not record its start ({reason}); trying again in {delay.TotalSeconds:0} s");
                queue.EnqueueLater(entry.Id, delay, stopping);
                return false;
            }
            entry.Cancellation = cancellation;
            return true;
        }
    }

    private async Task<ResultTable> RunEngineAsync(AnalysisEntry entry, CancellationToken cancellationToken)
    {
        var plan = entry.Plan ?? throw new InvalidOperationException($"analysis {entry.Id} was queued without its plan");
        var engine = engines.Get(entry.Snapshot().Engine);
        var sink = new EngineProgressSink(entry, lifecycle);
        ResultTable table;
        using (CovidDiagnostics.Traces.StartActivity("Engine"))
        {
            table = await engine.RunAsync(new AnalysisJob(entry.Id, () => entry.CancelRequested), plan, sink, cancellationToken);
        }
        cancellationToken.ThrowIfCancellationRequested();
        lifecycle.Report(entry, new EngineProgress(Stage.StoringResult, 1, $"storing {table.Rows.Count} rows"), ProgressBudget.StoringResult);
        return table;
    }

    /// <summary>Stores the outcome, trying again while the disk refuses; gives up only when the server stops.</summary>
    private async Task RecordAsync(AnalysisEntry entry, Outcome outcome, CancellationToken interrupt)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Record(entry, outcome);
                return;
            }
            catch (Exception ex)
            {
                var reason = StorageFailure.Describe(ex, layout);
                logger.Log(StorageFailure.IsStorage(ex) ? LogLevel.Warning : LogLevel.Error, ex,
                    "Analysis {Id}: could not record {State} ({Reason}), attempt {Attempt}", entry.Id, outcome.State, reason, attempt);
                if (outcome.Result is not null && attempt >= ResultAttempts)
                {
                    outcome = Outcome.Ended(State.Failed, $"its result of {outcome.Result.RowCount} rows could not be stored: {reason}");
                }
                var delay = RetryDelay(attempt);
                lifecycle.Announce(entry, Stage.StoringResult, Fraction(entry),
                    $"waiting: could not record that it {outcome.State.ToString().ToUpperInvariant()} ({reason}); trying again in {delay.TotalSeconds:0} s");
                try
                {
                    await Task.Delay(delay, interrupt);
                }
                catch (OperationCanceledException)
                {
                    logger.LogInformation("Analysis {Id} left RUNNING by server shutdown; it runs again at the next start", entry.Id);
                    return;
                }
            }
        }
    }

    private void Record(AnalysisEntry entry, Outcome outcome)
    {
        if (outcome.Result is not { } result)
        {
            var reason = outcome.Reason;
            if (outcome.State == State.Failed)
            {
                logger.LogWarning("Analysis {Id} failed: {Reason}", entry.Id, reason);
            }
            lifecycle.Transition(entry, outcome.State, Stage.Finished, Fraction(entry),
                outcome.State == State.Cancelled ? reason : "failed: " + reason, a => a.FailureReason = reason);
            return;
        }
        using (CovidDiagnostics.Traces.StartActivity("StoreResult"))
        {
            store.SaveResult(entry.Id, result);
            results.Add(entry.Id, result);
        }
        var plot = entry.Plan!.Spec.Plot;
        var (width, height) = plot is null ? (0, 0) : PlotSize.Resolve(plot);
        lifecycle.Transition(entry, State.Succeeded, Stage.Finished, 1, $"succeeded with {result.RowCount} rows", a =>
        {
            a.ResultRowCount = result.RowCount;
            a.HasPlot = plot is not null;
            a.PlotWidth = width;
            a.PlotHeight = height;
        });
        logger.LogInformation("Analysis {Id} succeeded: {Rows} rows", entry.Id, result.RowCount);
    }

    private static TimeSpan RetryDelay(int failures) =>
        TimeSpan.FromSeconds(Math.Min(MaxRetryDelay.TotalSeconds, Math.Pow(2, Math.Min(failures - 1, 10))));

    private static double Fraction(AnalysisEntry entry)
    {
        lock (entry.Gate)
        {
            return entry.Analysis.Progress?.Fraction ?? 0;
        }
    }

    /// <summary>How a run ended: a result to store, or a terminal state with its reason.</summary>
    private sealed record Outcome(State State, string Reason, Result? Result)
    {
        public static Outcome Succeeded(Result result) => new(State.Succeeded, "", result);

        public static Outcome Ended(State state, string reason) => new(state, reason, null);
    }
}
