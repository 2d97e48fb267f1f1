namespace Covid.Tests.Support;

/// <summary>Bounds for the waits in a test: every wait has one.</summary>
internal static class Timeouts
{
    /// <summary>A token cancelled after <paramref name="seconds"/>.</summary>
    public static CancellationToken Token(int seconds = 30) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
