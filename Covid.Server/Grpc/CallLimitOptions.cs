namespace Covid.Server.Grpc;

/// <summary>Limits on calls themselves (config section <c>Limits</c>, beside the spec limits of Jobs).</summary>
public sealed class CallLimitOptions
{
    public const string Section = "Limits";

    /// <summary>Largest request message; larger ones are RESOURCE_EXHAUSTED before they are read.</summary>
    public int MaxMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>How long any unary call but ImportDataset may take on the server.</summary>
    public TimeSpan UnaryDeadline { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long ImportDataset may take, download and validation together.</summary>
    public TimeSpan ImportDeadline { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A client stream (an upload) that sends nothing for this long is ended, its partial file removed.</summary>
    public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Streaming calls (progress, plots, uploads) one principal may have open at once.</summary>
    public int MaxStreamsPerPrincipal { get; set; } = 16;

    /// <summary>Calls one principal (or, before it is known, one address) may make per minute, on average.</summary>
    public int RequestsPerMinute { get; set; } = 1200;

    /// <summary>Calls one principal may make at once above that rate.</summary>
    public int RequestBurst { get; set; } = 200;
}
