using System.Diagnostics;
using Covid.Server.Telemetry;
using Covid.Server.Tenancy;
using Covid.Server.Storage;
using Covid.SparkJob.Engine;
using Covid.SparkJob.Planning;
using Covid.SparkJob.Results;
using State = Covid.V1.Analysis.Types.State;
using Stage = Covid.V1.ProgressEvent.Types.Stage;

namespace Covid.Server.Jobs;

/// <summary>Runs one queued analysis: its plan on its engine → plot → stored result, ending in a terminal state.</summary>
public sealed class AnalysisRunner(
    AnalysisIndex index,
    AnalysisLifecycle lifecycle,
    AnalysisStore store,
    EngineSelector engines,
    ResultCache results,
    AnalysisPlots plots,
    DataLayout layout,
    AnalysisMetrics metrics,
    ILogger<AnalysisRunner> logger)
{
    public async Task RunAsync(string id, CancellationToken stopping)
    {
        var entry = index.Get(id, Caller.System);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        lock (entry.Gate)
        {
            // Cancelled while it waited: nothing to do.
            if (entry.Analysis.State != State.Queued)
            {
                return;
            }
            entry.Cancellation = cancellation;
            lifecycle.TransitionLocked(entry, State.Running, Stage.Planning, ProgressBudget.Planned, "planning", a => a.FailureReason = "");
        }
        using var activity = CovidDiagnostics.Traces.StartActivity("RunAnalysis", ActivityKind.Internal, entry.SubmitTrace);
        activity?.SetTag(CovidDiagnostics.AnalysisIdTag, id).SetTag(CovidDiagnostics.EngineTag, entry.Analysis.Engine.ToString().ToLowerInvariant());
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["AnalysisId"] = id });
        using var run = metrics.Running();
        logger.LogInformation("Analysis {Id} running on {Engine}", id, entry.Analysis.Engine);
        try
        {
            await RunStagesAsync(entry, cancellation.Token);
        }
        catch (Exception ex) when (entry.CancelRequested)
        {
            // Engines may surface an interrupted query as their own exception type, not only as OperationCanceledException.
            logger.LogInformation("Analysis {Id} cancelled ({Type})", id, ex.GetType().Name);
            lifecycle.Transition(entry, State.Cancelled, Stage.Finished, Fraction(entry), "cancelled by request",
                a => a.FailureReason = "cancelled by request");
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            // Left RUNNING on disk on purpose: start-up recovery runs it again.
            logger.LogInformation("Analysis {Id} interrupted by server shutdown; it runs again at the next start", id);
        }
        catch (Exception ex)
        {
            // Engines name the files they read; the client sees them relative to the data directory.
            var reason = layout.Relative(ex.Message);
            logger.LogWarning("Analysis {Id} failed: {Reason}", id, reason);
            lifecycle.Transition(entry, State.Failed, Stage.Finished, Fraction(entry), "failed: " + reason,
                a => a.FailureReason = reason);
        }
        finally
        {
            lock (entry.Gate)
            {
                entry.Cancellation = null;
            }
        }
    }

    private async Task RunStagesAsync(AnalysisEntry entry, CancellationToken cancellationToken)
    {
        var plan = entry.Plan ?? throw new InvalidOperationException($"analysis {entry.Id} was queued without its plan");
        var engine = engines.Get(entry.Analysis.Engine);
        var sink = new EngineProgressSink(entry, lifecycle);
        ResultTable table;
        using (CovidDiagnostics.Traces.StartActivity("Engine"))
        {
            table = await engine.RunAsync(new AnalysisJob(entry.Id, () => entry.CancelRequested), plan, sink, cancellationToken);
        }
        cancellationToken.ThrowIfCancellationRequested();

        lifecycle.Report(entry, new EngineProgress(Stage.StoringResult, 1, $"storing {table.Rows.Count} rows"), ProgressBudget.StoringResult);
        using (CovidDiagnostics.Traces.StartActivity("StoreResult"))
        {
            var result = ResultMapper.ToProto(entry.Id, table);
            DatasetPins.Stamp(result, entry.Snapshot());
            store.SaveResult(entry.Id, result);
            results.Add(entry.Id, result);
        }
        var plot = plan.Spec.Plot;
        var (width, height) = plot is null ? (0, 0) : PlotSize.Resolve(plot);
        lifecycle.Transition(entry, State.Succeeded, Stage.Finished, 1, $"succeeded with {table.Rows.Count} rows", a =>
        {
            a.ResultRowCount = table.Rows.Count;
            a.HasPlot = plot is not null;
            a.PlotWidth = width;
            a.PlotHeight = height;
        });
        if (plot is not null)
        {
            plots.DrawSoon(entry.Id, plot);
        }
        logger.LogInformation("Analysis {Id} succeeded: {Rows} rows", entry.Id, table.Rows.Count);
    }

    private static double Fraction(AnalysisEntry entry)
    {
        lock (entry.Gate)
        {
            return entry.Analysis.Progress?.Fraction ?? 0;
        }
    }
}
