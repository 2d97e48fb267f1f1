namespace Covid.Server.Tenancy;

/// <summary>
/// One structured log line per state-changing request: who, what, on which target, when, and how
/// it ended. Its own category (<c>Covid.Audit</c>) so operators can route it apart from diagnostics.
/// </summary>
public sealed class AuditLog(ILoggerFactory loggers, TimeProvider clock)
{
    public static readonly EventId AuditEvent = new(9000, "Audit");

    private readonly ILogger logger = loggers.CreateLogger("Covid.Audit");

    /// <param name="action">submit, cancel, upload, import or delete.</param>
    /// <param name="target">The analysis or dataset name (or what was asked for).</param>
    /// <param name="result">"ok", or the failure's code, e.g. "PermissionDenied".</param>
    public void Record(Caller caller, string action, string target, string result) =>
        logger.LogInformation(AuditEvent, "audit {Action} {Target} by {Principal} at {Time}: {Result}",
            action, target, caller.Principal, clock.GetUtcNow().ToString("O"), result);
}
