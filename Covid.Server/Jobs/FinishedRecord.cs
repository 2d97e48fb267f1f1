namespace Covid.Server.Jobs;

/// <summary>
/// What start-up needs to know of a finished analysis without reading its folder: who owns it,
/// the request_id it answers, when it was created (its place in ListAnalyses) and when it ended
/// (when Jobs:RetainFinished expires it). Times are UTC ticks (100 ns), as <see cref="AnalysisKey"/>.
/// </summary>
public sealed record FinishedRecord(string Id, string Owner, string RequestId, long Created, long Ended);
