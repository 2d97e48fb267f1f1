using Covid.V1;

namespace Covid.Server.Jobs;

/// <summary>An analysis read back from the data directory with its events in order.</summary>
public sealed record StoredAnalysis(Analysis Analysis, IReadOnlyList<ProgressEvent> Events);
