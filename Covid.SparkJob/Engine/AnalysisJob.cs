namespace Covid.SparkJob.Engine;

/// <summary>The analysis an engine runs a plan for.</summary>
/// <param name="Id">The analysis id; names and labels of everything an engine creates derive from it.</param>
/// <param name="CancelRequested">True once a client cancelled, as opposed to the server stopping (which leaves outliving work to re-attach to).</param>
public sealed record AnalysisJob(string Id, Func<bool> CancelRequested);
