using System.Diagnostics;

namespace Covid.Tests.Support;

/// <summary>
/// A fact that needs /usr/bin/python3 with grpcio and grpc_tools; skipped, with the reason, when
/// they are missing. Under CI=true it never skips: .ci/run installs them.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PythonClientFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Available = new(() =>
    {
        try
        {
            using var check = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", "import grpc, grpc_tools"]) { RedirectStandardError = true })!;
            return check.WaitForExit(30_000) && check.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    public PythonClientFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") != "true" && !Available.Value)
        {
            Skip = "needs /usr/bin/python3 with grpcio and grpc_tools (apt-get install python3-grpcio python3-grpc-tools)";
        }
    }
}
