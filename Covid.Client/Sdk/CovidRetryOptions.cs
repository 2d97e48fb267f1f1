namespace Covid.Client;

/// <summary>
/// Retries of idempotent calls (reads, cancel, share, and submits, which always carry a request id)
/// that fail UNAVAILABLE: a server restarting, a connection dropped. The wait before attempt n
/// is a random time between half and all of <c>InitialBackoff × Multiplier^(n-2)</c>, at most
/// <see cref="MaxBackoff"/>, so many clients do not come back at the same instant.
/// </summary>
public sealed class CovidRetryOptions
{
    /// <summary>Attempts in all, the first included; 1 turns retries off.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait before the first retry (before jitter).</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How much the wait grows from one retry to the next.</summary>
    public double Multiplier { get; set; } = 2;

    /// <summary>The wait before attempt <paramref name="attempt"/> (2 = the first retry).</summary>
    internal TimeSpan Backoff(int attempt)
    {
        var full = Math.Min(MaxBackoff.TotalMilliseconds, InitialBackoff.TotalMilliseconds * Math.Pow(Multiplier, Math.Max(0, attempt - 2)));
        return TimeSpan.FromMilliseconds(full / 2 + Random.Shared.NextDouble() * full / 2);
    }
}
