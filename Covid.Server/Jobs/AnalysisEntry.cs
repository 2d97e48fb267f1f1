using System.Diagnostics;
using Covid.Server.Tenancy;
using Covid.SparkJob.Datasets;
using Covid.SparkJob.Planning;
using Covid.V1;

namespace Covid.Server.Jobs;

/// <summary>
/// The live state of one analysis. <see cref="Analysis"/> is only read or changed while holding
/// <see cref="Gate"/>; callers outside get clones from <see cref="Snapshot"/>.
/// </summary>
public sealed class AnalysisEntry(Analysis analysis)
{
    public Lock Gate { get; } = new();

    public string Id { get; } = AnalysisNames.ParseId(analysis.Name);

    /// <summary>The principal it belongs to; analyses stored before owners belong to the anonymous one.</summary>
    public string Owner { get; } = Caller.OwnerOrAnonymous(analysis.Owner);

    /// <summary>
    /// The current state; read it while holding <see cref="Gate"/>. Only <see cref="AnalysisLifecycle"/>
    /// replaces it, with a state already saved (see <see cref="Commit"/>), so memory never runs ahead of the disk.
    /// </summary>
    public Analysis Analysis { get; private set; } = analysis;

    /// <summary>
    /// The dataset version it reads (name, number, sha256), pinned at submit: with the spec, what
    /// its result depends on. Null only for analyses stored before versions existed, until recovery pins them.
    /// </summary>
    public DatasetVersionId? DatasetVersion => DatasetPins.Identity(Analysis.DatasetVersion);

    /// <summary>With compareTo: the version its <c>_then</c> columns read.</summary>
    public DatasetVersionId? CompareVersion => DatasetPins.Identity(Analysis.CompareVersion);

    /// <summary>
    /// The validated plan the engine runs, made once: at submit, or at start-up for an analysis
    /// that had not finished. Null for finished analyses read back from disk.
    /// </summary>
    public AnalysisPlan? Plan { get; set; }

    /// <summary>Holds the planned dataset while the analysis is queued or running, so it is not deleted from under it.</summary>
    public IDisposable? DatasetUse { get; set; }

    /// <summary>
    /// The submit's span, parent of the run's, so one trace follows the analysis from its RPC to its
    /// chart; empty for analyses recovered at start-up (their run starts a trace of its own).
    /// </summary>
    public ActivityContext SubmitTrace { get; set; }

    /// <summary>Set while the analysis runs; cancelling it stops the engine.</summary>
    public CancellationTokenSource? Cancellation { get; set; }

    /// <summary>True once a client asked to cancel, telling a user's cancel apart from a server shutdown.</summary>
    public bool CancelRequested { get; set; }

    /// <summary>Makes <paramref name="saved"/> the current state; call with <see cref="Gate"/> held, after it was saved.</summary>
    internal void Commit(Analysis saved) => Analysis = saved;

    /// <summary>Failed attempts at saving its next state in a row (a full disk), for the retry delay; guard with <see cref="Gate"/>.</summary>
    internal int SaveFailures { get; set; }

    public Analysis Snapshot()
    {
        lock (Gate)
        {
            return Analysis.Clone();
        }
    }
}
