namespace Covid.Server.Tenancy;

/// <summary>What one principal may hold at once (config section <c>Quotas</c>); over a quota is RESOURCE_EXHAUSTED naming it.</summary>
public sealed class QuotaOptions
{
    public const string Section = "Quotas";

    /// <summary>Analyses one principal may have queued or running.</summary>
    public int MaxActiveAnalyses { get; set; } = 20;

    /// <summary>Uploads and imports one principal may have in flight.</summary>
    public int MaxUploadsInFlight { get; set; } = 2;

    /// <summary>Bytes of original files one principal's datasets may hold (built-in datasets count for no one).</summary>
    public long MaxStoredBytes { get; set; } = 20L * 1024 * 1024 * 1024;
}
