extern alias cli;
using System.Reflection;
using cli::Covid.Cli;
using cli::Covid.Client;

namespace Covid.Tests.Client.Sdk;

public class SdkSurfaceTests
{
    private static readonly string[] HiddenNamespaces = ["Covid.V1", "Google.Protobuf", "Google.Rpc", "System.CommandLine", "Spectre.Console"];

    [Fact]
    public void PublicSurface_NoProtoTypes()
    {
        var leaks = new List<string>();
        foreach (var type in typeof(CovidClient).Assembly.GetExportedTypes())
        {
            Check(type, type.FullName!, leaks);
            foreach (var member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                var where = $"{type.Name}.{member.Name}";
                switch (member)
                {
                    case MethodBase method:
                        foreach (var parameter in method.GetParameters())
                        {
                            Check(parameter.ParameterType, where, leaks);
                        }

                        if (method is MethodInfo m)
                        {
                            Check(m.ReturnType, where, leaks);
                        }

                        break;
                    case PropertyInfo property:
                        Check(property.PropertyType, where, leaks);
                        break;
                    case FieldInfo field:
                        Check(field.FieldType, where, leaks);
                        break;
                }
            }
        }

        Assert.Empty(leaks);
    }

    [Fact]
    public void PublicTypes_AllInSdkNamespace_NoneOfTheCli()
    {
        var names = typeof(CovidClient).Assembly.GetExportedTypes().Select(t => t.FullName).ToList();

        Assert.Contains("Covid.Client.CovidClient", names);
        Assert.Contains("Covid.Client.AnalysisSpec", names);
        Assert.Contains("Covid.Client.AnalysisHandle", names);
        Assert.All(names, n => Assert.True(n!.StartsWith("Covid.Client.", StringComparison.Ordinal) && !n.StartsWith("Covid.Client.Cli.", StringComparison.Ordinal), n));
    }

    [Fact]
    public void ExitCode_LivesInTheCli_NotTheSdk()
    {
        Assert.Equal("Covid.Cli.ExitCode", typeof(ExitCode).FullName);
        Assert.NotEqual(typeof(CovidClient).Assembly, typeof(ExitCode).Assembly);
        Assert.Null(typeof(CovidClient).Assembly.GetType("Covid.Client.Cli.ExitCode"));
    }

    [Fact]
    public void Assembly_ReferencesNoCommandLineOrConsoleLibrary()
    {
        var referenced = typeof(CovidClient).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("Grpc.Net.Client", referenced);
        Assert.DoesNotContain("System.CommandLine", referenced);
        Assert.DoesNotContain("Spectre.Console", referenced);
    }

    private static void Check(Type type, string where, List<string> leaks)
    {
        if (type.HasElementType)
        {
            Check(type.GetElementType()!, where, leaks);
            return;
        }

        if (HiddenNamespaces.Any(ns => type.Namespace?.StartsWith(ns, StringComparison.Ordinal) == true))
        {
            leaks.Add($"{where}: {type.FullName}");
        }

        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Check(argument, where, leaks);
            }
        }
    }
}
