namespace Covid.Client;

/// <summary>An analysis on the server: what was asked, where it runs and how far it got.</summary>
public sealed record AnalysisInfo
{
    /// <summary>"analyses/{id}"; pass it to the other calls.</summary>
    public required string Name { get; init; }

    /// <summary>The current state.</summary>
    public required AnalysisState State { get; init; }

    /// <summary>The engine chosen for the run.</summary>
    public AnalysisEngine Engine { get; init; }

    /// <summary>The dataset the spec reads.</summary>
    public string Dataset { get; init; } = "";

    /// <summary>The spec as submitted, in its proto3 JSON form.</summary>
    public string SpecJson { get; init; } = "";

    /// <summary>The request id it was submitted with, or null.</summary>
    public string? RequestId { get; init; }

    /// <summary>When the server accepted it.</summary>
    public DateTimeOffset? CreateTime { get; init; }

    /// <summary>When it began running.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>When it reached a terminal state.</summary>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>Why it failed or was cancelled, or null.</summary>
    public string? FailureReason { get; init; }

    /// <summary>Rows in the result, once succeeded.</summary>
    public long ResultRowCount { get; init; }

    /// <summary>Whether a chart can be fetched with <see cref="CovidClient.SavePlotAsync"/>.</summary>
    public bool HasPlot { get; init; }

    /// <summary>
    /// True when the submit that returned this was answered with an earlier succeeded analysis of
    /// the identical spec over the same dataset version, nothing run (only on a submit's answer).
    /// </summary>
    public bool ServedFromCache { get; init; }

    /// <summary>The newest progress step, or null before the first.</summary>
    public Progress? Progress { get; init; }

    /// <summary>The dataset version it reads, resolved from the spec when it was submitted (null for analyses from before versions).</summary>
    public DatasetVersionInfo? DatasetVersion { get; init; }

    /// <summary>With compareTo: the version its <c>_then</c> columns come from.</summary>
    public DatasetVersionInfo? CompareVersion { get; init; }
}
