using Grpc.Core;

namespace Covid.Client;

/// <summary>
/// An analysis waited for ended FAILED or CANCELLED instead of SUCCEEDED. <see cref="Analysis"/>
/// holds it as it ended; <see cref="CovidException.StatusCode"/> is Aborted for a failure and
/// Cancelled for a cancel.
/// </summary>
public sealed class AnalysisFailedException(AnalysisInfo analysis)
    : CovidException(analysis.State == AnalysisState.Cancelled ? StatusCode.Cancelled : StatusCode.Aborted,
        $"{analysis.Name} {analysis.State.ToString().ToUpperInvariant()}: {analysis.FailureReason ?? "no reason given"}")
{
    /// <summary>The analysis as it ended.</summary>
    public AnalysisInfo Analysis { get; } = analysis;

    /// <summary>Why it failed or was cancelled, as the server said.</summary>
    public string FailureReason => Analysis.FailureReason ?? "";
}
