using Covid.Server.Progress;
using Covid.Server.Telemetry;
using Covid.Server.Storage;
using Covid.Server.Tenancy;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Errors;
using Covid.SparkJob.Planning;
using Covid.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;
using State = Covid.V1.Analysis.Types.State;
using Stage = Covid.V1.ProgressEvent.Types.Stage;

namespace Covid.Server.Jobs;

/// <summary>What the AnalysisService does, in the application's own terms: submit, look up, cancel, read results.</summary>
public sealed class AnalysisManager(
    AnalysisIndex index,
    AnalysisQueue queue,
    AnalysisLifecycle lifecycle,
    AnalysisStore store,
    ResultCache results,
    SpecCache specs,
    AnalysisPlots plots,
    ProgressHub hub,
    EngineSelector engines,
    ITenantDatasets datasets,
    DatasetPins pins,
    SpecLimits limits,
    IOptions<QuotaOptions> quotas,
    DataLayout layout,
    ILogger<AnalysisManager> logger)
{
    public const int MaxRequestIdLength = 128;

    /// <summary>How long a retry waits for its original submit's save before it is told to retry later.</summary>
    public static readonly TimeSpan RacingSaveWait = TimeSpan.FromSeconds(30);

    // Serialises the request_id, quota and capacity checks with the reservation they grant, and the
    // reservation with the analysis' entering the index and the queue. The durable save between
    // the two runs outside it, so concurrent submits flush to the disk together rather than in turn.
    // An object (not a Lock): a retry racing its original's save waits on it with Monitor.Wait.
    private readonly object submitGate = new();
    private readonly PendingSubmits pending = new();

    public Analysis Submit(Caller caller, AnalysisSpec? spec, string requestId, bool recompute = false)
    {
        if (requestId.Length > MaxRequestIdLength)
        {
            throw ServiceException.InvalidArgument("request_id", $"at most {MaxRequestIdLength} characters, got {requestId.Length}");
        }
        if (spec is null)
        {
            throw ServiceException.InvalidArgument("spec", "required");
        }
        using var activity = CovidDiagnostics.Traces.StartActivity("SubmitAnalysis");
        activity?.SetTag(CovidDiagnostics.DatasetTag, spec.Dataset);
        if (index.FindByRequestId(caller, requestId) is { } earlier)
        {
            return Retried(earlier, spec);
        }
        limits.Check(spec);
        AnalysisPlan plan;
        using (CovidDiagnostics.Traces.StartActivity("PlanAnalysis"))
        {
            plan = limits.Apply(AnalysisPlanner.Plan(spec, datasets.VisibleTo(caller)));
        }
        var key = specs.Enabled ? SpecCache.Key(caller.Principal, spec, plan.Dataset, plan.Then) : null;
        if (key is not null && !recompute && specs.FindSucceeded(key, index.Contains) is { } done)
        {
            activity?.SetTag(CovidDiagnostics.AnalysisIdTag, done.Id).SetTag(CovidDiagnostics.CacheHitTag, true);
            var answer = done.Snapshot();
            answer.ServedFromCache = true;
            return answer;
        }
        var engine = engines.Resolve(spec.Engine, plan.Dataset);
        if (Reserve(caller, requestId) is { } raced)
        {
            return Retried(raced, spec);
        }
        var analysis = new Analysis
        {
            Name = AnalysisNames.Format(AnalysisNames.NewId()),
            Spec = spec.Clone(),
            State = State.Queued,
            Engine = engine,
            RequestId = requestId,
            Owner = caller.Principal,
            CreateTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
        };
        AnalysisEntry entry;
        try
        {
            pins.Record(analysis, plan);
            entry = new AnalysisEntry(analysis)
            {
                Plan = plan,
                DatasetUse = pins.Hold(plan),
                SubmitTrace = activity?.Context ?? default,
            };
        }
        catch
        {
            Unreserve(caller, requestId);
            throw;
        }
        activity?.SetTag(CovidDiagnostics.AnalysisIdTag, entry.Id).SetTag(CovidDiagnostics.EngineTag, engine.ToString().ToLowerInvariant());
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["AnalysisId"] = entry.Id });
        try
        {
            lifecycle.Transition(entry, State.Queued, Stage.Queued, 0, "queued");
        }
        catch (Exception ex)
        {
            // Nothing was acknowledged, so nothing may run later: no folder is left behind.
            entry.DatasetUse?.Dispose();
            store.Discard(entry.Id);
            hub.Forget(entry.Id);
            Unreserve(caller, requestId);
            if (!StorageFailure.IsStorage(ex))
            {
                throw;
            }
            logger.LogWarning("Analysis submit refused: {Reason}", StorageFailure.Describe(ex, layout));
            throw StorageFailure.ToServiceException(ex, layout, "the analysis was not created");
        }
        Analysis queued;
        lock (submitGate)
        {
            index.Add(entry);
            if (key is not null)
            {
                specs.Add(key, entry);
            }
            pending.Remove(caller.Principal, requestId);
            // The answer is the analysis as queued: once enqueued a worker may start it at once.
            queued = entry.Snapshot();
            queue.Enqueue(entry.Id);
            Monitor.PulseAll(submitGate);
        }
        logger.LogInformation("Analysis {Id} queued ({Dataset} version {Version}, {Engine})", entry.Id, spec.Dataset, plan.Dataset.Version, engine);
        return queued;
    }

    /// <summary>
    /// Checks the caller's quota and the queue's room, counting the submits still saving, and holds
    /// a place for this one; or returns the analysis a racing submit with the same request_id made.
    /// </summary>
    private AnalysisEntry? Reserve(Caller caller, string requestId)
    {
        lock (submitGate)
        {
            var deadline = DateTime.UtcNow + RacingSaveWait;
            while (true)
            {
                if (index.FindByRequestId(caller, requestId) is { } raced)
                {
                    return raced;
                }
                if (!pending.Holds(caller.Principal, requestId))
                {
                    break;
                }
                // The same request_id is being saved by its first submit: its outcome decides this one's.
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !Monitor.Wait(submitGate, left))
                {
                    throw new ServiceException(ErrorCode.Unavailable,
                        $"the first submit with request_id \"{requestId}\" is still being saved after {RacingSaveWait.TotalSeconds:0} s; retry with the same request_id");
                }
            }
            EnsureQuota(caller, pending.Of(caller.Principal));
            queue.EnsureCapacity(pending.Total);
            pending.Add(caller.Principal, requestId);
            return null;
        }
    }

    private void Unreserve(Caller caller, string requestId)
    {
        lock (submitGate)
        {
            pending.Remove(caller.Principal, requestId);
            Monitor.PulseAll(submitGate);
        }
    }

    public Analysis Get(Caller caller, string name) => Find(caller, name).Snapshot();

    /// <summary>A page of the caller's analyses (an admin's: all), newest first (ties broken by name, so paging over it is stable).</summary>
    public (List<Analysis> Page, AnalysisKey? Next) List(Caller caller, AnalysisKey? after, int size) => index.Page(caller, after, size);

    /// <summary>
    /// Queued: CANCELLED at once. Running: the engine is stopped and the runner records CANCELLED
    /// when it has; the analysis returned is still RUNNING. Finished: unchanged.
    /// </summary>
    public Analysis Cancel(Caller caller, string name)
    {
        var entry = Find(caller, name);
        CancellationTokenSource? running = null;
        lock (entry.Gate)
        {
            switch (entry.Analysis.State)
            {
                case State.Queued:
                    try
                    {
                        lifecycle.TransitionLocked(entry, State.Cancelled, Stage.Finished, entry.Analysis.Progress?.Fraction ?? 0,
                            "cancelled by request before it ran", a => a.FailureReason = "cancelled by request");
                    }
                    catch (Exception ex) when (StorageFailure.IsStorage(ex))
                    {
                        throw StorageFailure.ToServiceException(ex, layout, "it was not cancelled and stays QUEUED");
                    }
                    queue.Remove(entry.Id);
                    break;
                case State.Running:
                    entry.CancelRequested = true;
                    running = entry.Cancellation;
                    break;
            }
        }
        // Outside the gate: cancellation callbacks (e.g. interrupting a query) run synchronously.
        running?.Cancel();
        return entry.Snapshot();
    }

    /// <summary>The whole stored result of a SUCCEEDED analysis, with its id (the edge hands it out a page at a time).</summary>
    public (string Id, Result Result) GetResult(Caller caller, string name)
    {
        var entry = RequireSucceeded(caller, name, "a result");
        return (entry.Id, results.GetOrLoad(entry.Id, store.LoadResult));
    }

    /// <summary>The chart as a PNG (drawn now if it was not yet) and its size in pixels; NOT_FOUND when the spec asked for no plot.</summary>
    public async Task<(Stream Png, int Width, int Height)> OpenPlotAsync(Caller caller, string name)
    {
        var entry = RequireSucceeded(caller, name, "a plot");
        var analysis = entry.Snapshot();
        if (!analysis.HasPlot || analysis.Spec.Plot is not { } plot)
        {
            throw ServiceException.NotFound($"analysis \"{AnalysisNames.Format(entry.Id)}\" has no plot: its spec has no plot section");
        }
        return (await plots.OpenAsync(entry.Id, plot, entry.SubmitTrace), analysis.PlotWidth, analysis.PlotHeight);
    }

    public IAsyncEnumerable<ProgressEvent> Follow(Caller caller, string name, long afterSequence, CancellationToken cancellationToken)
    {
        if (afterSequence < 0)
        {
            throw ServiceException.InvalidArgument("after_sequence", "must not be negative");
        }
        var entry = Find(caller, name);
        return hub.Follow(entry.Id, afterSequence, cancellationToken);
    }

    private AnalysisEntry Find(Caller caller, string name) => index.Get(AnalysisNames.ParseId(name), caller);

    /// <summary>
    /// A request_id seen before: the same spec is a retry and gets the analysis made first; another
    /// spec is a mistake (AIP-155), refused rather than silently answered with someone else's result.
    /// </summary>
    private static Analysis Retried(AnalysisEntry earlier, AnalysisSpec spec)
    {
        var analysis = earlier.Snapshot();
        if (!analysis.Spec.Equals(spec))
        {
            throw ServiceException.InvalidArgument("request_id",
                $"\"{analysis.RequestId}\" was already used for {analysis.Name} with a different spec; a retry must send the same spec, a new analysis needs a new request_id");
        }
        return analysis;
    }

    /// <summary>RESOURCE_EXHAUSTED when the caller already has its quota of analyses waiting or running (or <paramref name="saving"/> them now).</summary>
    private void EnsureQuota(Caller caller, int saving)
    {
        var limit = quotas.Value.MaxActiveAnalyses;
        if (index.ActiveCount(caller.Principal) + saving >= limit)
        {
            throw ServiceException.ResourceExhausted(
                $"{caller.Principal} already has {limit} analyses queued or running, the most one principal may have (Quotas:MaxActiveAnalyses); wait for some to finish or cancel them");
        }
    }

    private AnalysisEntry RequireSucceeded(Caller caller, string name, string what)
    {
        var entry = Find(caller, name);
        var state = entry.Snapshot().State;
        if (state != State.Succeeded)
        {
            throw ServiceException.FailedPrecondition(
                $"analysis \"{AnalysisNames.Format(entry.Id)}\" is {state.ToString().ToUpperInvariant()}; {what} exists only once it has SUCCEEDED");
        }
        return entry;
    }
}
