using System.Diagnostics;

namespace Covid.Tests.Support;

/// <summary>
/// A theory that needs strace (to kill the server at an exact system call). Skipped on a machine
/// without a working strace, except in CI (CI=true), where a missing tool fails the test instead.
/// </summary>
public sealed class TheoryIfStraceAttribute : TheoryAttribute
{
    private static readonly Lazy<string?> Missing = new(Probe);

    public TheoryIfStraceAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") != "true" && Missing.Value is { } reason)
        {
            Skip = reason;
        }
    }

    private static string? Probe()
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("strace", "-f -qq -o /dev/null true") { RedirectStandardError = true, RedirectStandardOutput = true });
            if (probe is null || !probe.WaitForExit(10_000))
            {
                return "strace did not answer";
            }
            return probe.ExitCode == 0 ? null : "strace cannot trace here: " + probe.StandardError.ReadToEnd();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "strace is not installed (apt-get install strace)";
        }
    }
}
