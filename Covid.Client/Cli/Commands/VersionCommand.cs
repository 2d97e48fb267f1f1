using System.CommandLine;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Covid.Cli.Commands;

/// <summary>covid version: the tool's and the SDK's versions and how it runs (local, no server).</summary>
internal sealed class VersionCommand : Command
{
    public VersionCommand(CliContext context)
        : base("version", "Print the versions of covid and its SDK, and the runtime it runs on (no server).")
    {
        SetAction(_ =>
        {
            var output = context.Console.Out;
            output.WriteLine($"covid {Of(typeof(VersionCommand).Assembly)} (SDK Covid.Client {Of(typeof(CovidClient).Assembly)})");
            // A natively compiled covid has no covid.dll beside it (PublishAot also switches dynamic code off under the JIT, so that cannot tell).
            var build = File.Exists(Path.Combine(AppContext.BaseDirectory, "covid.dll")) ? "JIT" : "native AOT";
            output.WriteLine($"runtime: {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.RuntimeIdentifier}, {build}");
            return (int)ExitCode.Success;
        });
    }

    /// <summary>The informational version without the source revision's "+hash".</summary>
    private static string Of(Assembly assembly)
    {
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "?";
        return version.Split('+')[0];
    }
}
