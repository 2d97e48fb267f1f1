namespace Covid.Client;

/// <summary>Where an analysis is in its life: queued, running, or one of the three terminal states.</summary>
public enum AnalysisState
{
    /// <summary>The server sent no state (an older or newer server than this SDK).</summary>
    Unspecified = 0,
    /// <summary>Accepted and waiting for an engine slot.</summary>
    Queued = 1,
    /// <summary>Running on an engine.</summary>
    Running = 2,
    /// <summary>Finished; its result (and plot, if asked for) can be fetched.</summary>
    Succeeded = 3,
    /// <summary>Stopped by an error; see <see cref="AnalysisInfo.FailureReason"/>.</summary>
    Failed = 4,
    /// <summary>Stopped by a cancel request.</summary>
    Cancelled = 5,
}
