extern alias cli;
using System.Reflection;
using cli::Covid.Client;

namespace Covid.Tests.Client;

public class SdkSurfaceTests
{
    private static readonly string[] HiddenNamespaces = ["Covid.V1", "Google.Protobuf", "Google.Rpc"];

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
    public void PublicTypes_AllInSdkNamespaceOrExitCode()
    {
        var names = typeof(CovidClient).Assembly.GetExportedTypes().Select(t => t.FullName).ToList();

        Assert.Contains("Covid.Client.CovidClient", names);
        Assert.All(names, n => Assert.True(n!.StartsWith("Covid.Client.", StringComparison.Ordinal) && !n.StartsWith("Covid.Client.Cli.", StringComparison.Ordinal) || n == "Covid.Client.Cli.ExitCode", n));
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
