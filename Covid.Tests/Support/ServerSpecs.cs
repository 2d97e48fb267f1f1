using Covid.V1;

namespace Covid.Tests.Support;

/// <summary>Spec and timeout helpers for the server tests; the example comes from <see cref="IssueExample"/>.</summary>
internal static class ServerSpecs
{
    public static AnalysisSpec Example(string? dataset = null) => IssueExample.Spec(dataset);

    /// <summary>Bounds every wait in a test.</summary>
    public static CancellationToken Timeout(int seconds = 30) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
