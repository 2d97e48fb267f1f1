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
/// Start-up: knows finished analyses from <see cref="FinishedLog"/> (their folders are read when
/// first asked for), reads the others back, plans again and queues what was waiting or running
/// when the server stopped (saying so in its events), fails what can no longer be planned, and
/// makes sure every finished analysis ends with a FINISHED event so streams over it end. Folders
/// that hold no analysis and temp files of cut-short writes are removed on the way.
/// </summary>
public sealed class AnalysisRecovery(
    AnalysisStore store,
    FinishedLog finishedLog,
    AnalysisIndex index,
    AnalysisQueue queue,
    AnalysisLifecycle lifecycle,
    ProgressHub hub,
    IDatasetLookup datasets,
    DatasetPins pins,
    ILogger<AnalysisRecovery> logger)
{
    public void Recover()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (lines, untidy) = finishedLog.Load();
        var logRead = clock.Elapsed;
        var (listed, read) = store.Scan(lines.ContainsKey);
        var scanned = clock.Elapsed;
        foreach (var id in listed)
        {
            index.AddFinished(lines[id].Record, lines[id].Line);
        }
        var stored = read.OrderBy(a => a.CreateTime?.ToDateTimeOffset() ?? DateTimeOffset.MinValue).ToList();
        int requeued = 0, rerun = 0, unlisted = 0;
        foreach (var analysis in stored)
        {
            var events = hub.Restore(AnalysisNames.ParseId(analysis.Name));
            analysis.Progress = events.Count > 0 ? events[^1] : analysis.Progress;
            analysis.Owner = Caller.OwnerOrAnonymous(analysis.Owner);
            var entry = new AnalysisEntry(analysis);
            index.Add(entry);
            switch (analysis.State)
            {
                case State.Queued:
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
                    unlisted++;
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
        if (untidy || unlisted > 0 || listed.Count != lines.Count)
        {
            // Lines of analyses that are gone dropped, finished ones it lacked added: the next start reads one clean file.
            finishedLog.Rewrite(index.FinishedLines());
        }
        logger.LogInformation("Loaded {Count} analyses in {Ms:0} ms ({Finished} finished, listed in {Log}, read in {LogMs:0} ms; folders scanned in {ScanMs:0} ms; {Requeued} queued again, {Rerun} interrupted and re-run)",
            listed.Count + stored.Count, clock.Elapsed.TotalMilliseconds, listed.Count + unlisted, FinishedLog.FileName, logRead.TotalMilliseconds,
            (scanned - logRead).TotalMilliseconds, requeued, rerun);
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
