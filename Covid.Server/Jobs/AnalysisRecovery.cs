using Covid.Server.Progress;
using Covid.Server.Tenancy;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Errors;
using Covid.SparkJob.Planning;
using Covid.V1;
using State = Covid.V1.Analysis.Types.State;
using Stage = Covid.V1.ProgressEvent.Types.Stage;

namespace Covid.Server.Jobs;

/// <summary>
/// Start-up, in two steps. Before the server takes calls, <see cref="RecoverActive"/> reads back
/// the analyses <see cref="ActiveMarkers"/> names (those queued or running when it stopped: a
/// handful, however long the history), plans them again and queues them (saying so in their
/// events), fails what can no longer be planned. Right after, on a thread of its own,
/// <see cref="LoadHistory"/> knows finished analyses from <see cref="FinishedLog"/> (their folders
/// are read when first asked for) and scans every folder: it removes folders that hold no analysis
/// and temp files of cut-short writes, and recovers any analysis whose marker a machine crash lost,
/// exactly as before. Every finished analysis ends with a FINISHED event so streams over it end.
/// </summary>
public sealed class AnalysisRecovery(
    AnalysisStore store,
    FinishedLog finishedLog,
    AnalysisIndex index,
    AnalysisHistory history,
    AnalysisExpiry expiry,
    ActiveMarkers active,
    AnalysisQueue queue,
    AnalysisLifecycle lifecycle,
    ProgressHub hub,
    IDatasetLookup datasets,
    DatasetPins pins,
    IHostApplicationLifetime lifetime,
    ILogger<AnalysisRecovery> logger)
{
    // What RecoverActive read (the history scan leaves them alone), and which of them had finished.
    private readonly HashSet<string> recovered = new(StringComparer.Ordinal);
    private readonly List<string> finishedMarked = [];

    /// <summary>The history load started by <see cref="StartLoadingHistory"/>; completed when none runs.</summary>
    public Task HistoryLoad { get; private set; } = Task.CompletedTask;

    /// <summary>Before the server takes calls: the analyses marked active, queued again.</summary>
    public void RecoverActive()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var read = new List<Analysis>();
        foreach (var (id, started) in active.Marked())
        {
            recovered.Add(id);
            store.DeleteTemps(id);
            if (store.Load(id) is { } analysis)
            {
                if (started && analysis.State == State.Queued)
                {
                    // RUNNING is stored as the marker's name; its analysis.json stays QUEUED (ActiveMarkers).
                    analysis.State = State.Running;
                }
                read.Add(analysis);
            }
            else if (!store.HasAnalysis(id))
            {
                // A crash between its marker and its first save: nothing was acknowledged.
                store.Discard(id);
            }
        }
        var (requeued, rerun, finished) = Restore(read);
        finishedMarked.AddRange(finished);
        foreach (var id in finished)
        {
            // Finished, but the crash came before its marker was removed.
            active.Unmark(id);
        }
        logger.LogInformation("Recovered {Count} unfinished analyses in {Ms:0} ms ({Requeued} queued again, {Rerun} interrupted and re-run, {Finished} had finished); the finished history loads in the background",
            read.Count, clock.Elapsed.TotalMilliseconds, requeued, rerun, finished.Count);
    }

    /// <summary>Runs <see cref="LoadHistory"/> on a thread of its own (calls that wait for it block theirs).</summary>
    public void StartLoadingHistory(CancellationToken stopping) =>
        HistoryLoad = Task.Factory.StartNew(() => LoadHistory(stopping), stopping, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>
    /// The finished analyses stored before this start, and the scan of every folder, while the
    /// server takes calls. A failure stops the server, as a failed start would: answering without
    /// the history would answer wrong.
    /// </summary>
    public void LoadHistory(CancellationToken stopping)
    {
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var (lines, untidy) = finishedLog.Load();
            var logRead = clock.Elapsed;
            var (listed, read) = store.Scan(id => recovered.Contains(id) || store.SavedDuringLoad(id) || index.Contains(id), lines.ContainsKey, stopping);
            var scanned = clock.Elapsed;
            foreach (var id in listed)
            {
                index.AddFinished(lines[id].Record, lines[id].Line);
            }
            var (requeued, rerun, finished) = Restore(read);
            var unlisted = finished.Count + finishedMarked.Count(id => !lines.ContainsKey(id));
            if (untidy || unlisted > 0 || lines.Keys.Any(id => !index.Contains(id)))
            {
                // Lines of analyses that are gone dropped, finished ones it lacked added: the next start reads one clean file.
                finishedLog.Rewrite(index.FinishedLines());
            }
            // Jobs:RetainFinished holds from the first answer on: what expired while the server was down goes first.
            expiry.Expire();
            history.MarkLoaded();
            store.HistoryLoaded();
            logger.LogInformation("Loaded the history of {Count} analyses in {Ms:0} ms ({Finished} finished, listed in {Log}, read in {LogMs:0} ms; folders scanned in {ScanMs:0} ms; {Requeued} unmarked queued again, {Rerun} unmarked interrupted and re-run)",
                listed.Count + read.Count, clock.Elapsed.TotalMilliseconds, listed.Count + finished.Count, FinishedLog.FileName, logRead.TotalMilliseconds,
                (scanned - logRead).TotalMilliseconds, requeued, rerun);
        }
        catch (OperationCanceledException ex)
        {
            history.MarkFailed(ex);
        }
        catch (Exception ex)
        {
            logger.LogCritical(ex, "The stored analyses could not be loaded; the server stops");
            history.MarkFailed(ex);
            lifetime.StopApplication();
        }
    }

    /// <summary>Brings analyses read from their folders back: queued again, re-run, or known as finished (their ids returned).</summary>
    private (int Requeued, int Rerun, List<string> Finished) Restore(List<Analysis> read)
    {
        int requeued = 0, rerun = 0;
        var finished = new List<string>();
        foreach (var analysis in read.OrderBy(a => a.CreateTime?.ToDateTimeOffset() ?? DateTimeOffset.MinValue))
        {
            var events = hub.Restore(AnalysisNames.ParseId(analysis.Name));
            analysis.Progress = events.Count > 0 ? events[^1] : analysis.Progress;
            analysis.Owner = Caller.OwnerOrAnonymous(analysis.Owner);
            var entry = new AnalysisEntry(analysis);
            index.Add(entry);
            switch (analysis.State)
            {
                case State.Queued:
                    // Marked already, unless found by the scan (its marker lost to a machine crash).
                    active.MarkQueued(entry.Id);
                    if (events.Count == 0)
                    {
                        lifecycle.Announce(entry, Stage.Queued, 0, "queued");
                    }
                    if (Replan(entry))
                    {
                        queue.Enqueue(entry.Id);
                        requeued++;
                    }
                    break;
                case State.Running:
                    // Spark keeps running in the cluster without the server: its run re-attaches to the
                    // driver pod found by the analysis' label (or reads the result it committed) instead
                    // of launching a second one.
                    lifecycle.Recover(entry, State.Queued, Stage.Queued, 0, analysis.Engine == AnalysisSpec.Types.Engine.Spark
                            ? "the server stopped while this analysis was running on Spark; it re-attaches to its driver pod"
                            : "the server stopped while this analysis was running; it runs again from the start",
                        a => a.StartTime = null);
                    if (Replan(entry))
                    {
                        queue.Enqueue(entry.Id);
                        rerun++;
                    }
                    break;
                case State.Succeeded or State.Failed or State.Cancelled:
                    // Finished, but its line in the finished log was lost with a crash (or it predates the log).
                    finished.Add(entry.Id);
                    if (events.Count == 0 || events[^1].Stage != Stage.Finished)
                    {
                        // Saved as finished but the crash came before its FINISHED event was written.
                        lifecycle.Announce(entry, Stage.Finished, analysis.Progress?.Fraction ?? 0, analysis.State.ToString().ToLowerInvariant());
                    }
                    break;
                default:
                    lifecycle.Recover(entry, State.Failed, Stage.Finished, 0, "failed: its stored state was unreadable",
                        a => a.FailureReason = $"stored state {analysis.State} is not one this server knows");
                    break;
            }
        }
        return (requeued, rerun, finished);
    }

    /// <summary>
    /// Plans the stored spec again (plans are not stored) over the dataset versions it was pinned to
    /// at submit; one that no longer plans, e.g. because its version is gone, ends FAILED with the
    /// reason instead of being queued.
    /// </summary>
    private bool Replan(AnalysisEntry entry)
    {
        try
        {
            entry.Plan = AnalysisPlanner.Plan(entry.Analysis.Spec, DatasetPins.Pinned(datasets, entry.Analysis));
            if (entry.Analysis.DatasetVersion is null)
            {
                // Stored before versions existed: from now on it is pinned to what it reads.
                pins.Record(entry.Analysis, entry.Plan);
            }
            entry.DatasetUse = pins.Hold(entry.Plan);
            return true;
        }
        catch (ServiceException ex)
        {
            logger.LogWarning("Analysis {Id} cannot run after the restart: {Reason}", entry.Id, ex.Message);
            lifecycle.Recover(entry, State.Failed, Stage.Finished, 0, "failed: " + ex.Message, a => a.FailureReason = ex.Message);
            return false;
        }
    }
}
