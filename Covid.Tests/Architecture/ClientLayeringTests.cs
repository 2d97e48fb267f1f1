extern alias cli;
using System.Text.Json;
using cli::Covid.Cli;
using cli::Covid.Client;

namespace Covid.Tests.Architecture;

/// <summary>
/// The client's layers: the covid tool is built on the SDK; the SDK depends on neither the tool
/// nor its console libraries; neither depends on server code. Checked twice: in the compiled
/// assemblies' references, and in the declared dependency graph (which also catches a package
/// reference nothing uses yet).
/// </summary>
public class ClientLayeringTests
{
    private static readonly string[] CliOnly = ["Covid.Cli", "covid", "System.CommandLine", "Spectre.Console"];
    private static readonly string[] ServerCode = ["Covid.Server", "Covid.SparkJob"];
    private static readonly Lazy<JsonElement> Libraries = new(ReadLibraries);

    [Fact]
    public void Sdk_ReferencedAssemblies_NoCliNoServerCode()
    {
        var referenced = References(typeof(CovidClient).Assembly);

        Assert.Empty(referenced.Intersect([.. CliOnly, .. ServerCode]));
    }

    [Fact]
    public void Sdk_DeclaredDependencies_NoCliNoServerCode()
    {
        var closure = DependencyClosure("Covid.Client");

        Assert.Contains("Grpc.Net.Client", closure);
        Assert.Empty(closure.Intersect([.. CliOnly, .. ServerCode]));
    }

    [Fact]
    public void Cli_ReferencedAssemblies_TheSdkAndNoServerCode()
    {
        var referenced = References(typeof(ExitCode).Assembly);

        Assert.Contains("Covid.Client", referenced);
        Assert.Empty(referenced.Intersect(ServerCode));
    }

    [Fact]
    public void Cli_DeclaredDependencies_OnlyTheSdkAndTheConsoleLibraries()
    {
        Assert.Equal(["Covid.Client", "Spectre.Console", "System.CommandLine"], DirectDependencies("Covid.Cli").Order());
        Assert.Empty(DependencyClosure("Covid.Cli").Intersect(ServerCode));
    }

    private static List<string> References(System.Reflection.Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

    /// <summary>A library's dependencies as this test run's deps.json records them (projects and packages alike).</summary>
    private static IEnumerable<string> DirectDependencies(string library) =>
        Libraries.Value.EnumerateObject().Single(l => l.Name.StartsWith(library + "/", StringComparison.Ordinal)).Value
            .TryGetProperty("dependencies", out var dependencies)
            ? dependencies.EnumerateObject().Select(d => d.Name).ToList()
            : [];

    private static HashSet<string> DependencyClosure(string library)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([library]);
        while (pending.TryPop(out var next))
        {
            foreach (var dependency in DirectDependencies(next).Where(seen.Add))
            {
                pending.Push(dependency);
            }
        }

        return seen;
    }

    /// <summary>The libraries of the run's one target framework, keyed "name/version".</summary>
    private static JsonElement ReadLibraries()
    {
        var path = Path.Combine(AppContext.BaseDirectory, typeof(ClientLayeringTests).Assembly.GetName().Name + ".deps.json");
        using var deps = JsonDocument.Parse(File.ReadAllText(path));
        return deps.RootElement.GetProperty("targets").EnumerateObject().First().Value.Clone();
    }
}
