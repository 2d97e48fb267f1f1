namespace Covid.Server.Jobs;

/// <summary>An analysis' place in ListAnalyses: its creation time (UTC ticks) and id.</summary>
public sealed record AnalysisKey(long Created, string Id);
