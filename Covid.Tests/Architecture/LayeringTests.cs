using System.Reflection;
using Covid.Server.Hosting;
using Covid.SparkJob.Errors;
using NetArchTest.Rules;

namespace Covid.Tests.Architecture;

/// <summary>
/// The house rules, checked on the compiled assemblies so they cannot rot: namespaces run one way
/// in the server and the core; the core knows nothing of ASP.NET Core, gRPC or Kubernetes; only the
/// server's gRPC edge knows gRPC.
/// </summary>
public sealed class LayeringTests
{
    private static readonly Assembly Core = typeof(ServiceException).Assembly;
    private static readonly Assembly Server = typeof(CovidServer).Assembly;

    [Fact]
    public void Core_NamespacesHaveNoCycle()
    {
        var graph = new NamespaceGraph(Core, "Covid.SparkJob");

        Assert.True(graph.Namespaces.Count >= 8, string.Join(", ", graph.Namespaces));
        Assert.Empty(graph.Cycles());
    }

    [Fact]
    public void Server_NamespacesHaveNoCycle()
    {
        var graph = new NamespaceGraph(Server, "Covid.Server");

        Assert.Contains("Covid.Server.Grpc", graph.Namespaces);
        Assert.Contains("Covid.Server.Spark", graph.Namespaces);
        Assert.Empty(graph.Cycles());
    }

    [Theory]
    [InlineData("Covid.Server.Jobs", "Covid.Server.Grpc")]
    [InlineData("Covid.Server.Datasets", "Covid.Server.Grpc")]
    [InlineData("Covid.Server.Spark", "Covid.Server.Jobs")]
    [InlineData("Covid.Server.Kubernetes", "Covid.Server.Spark")]
    [InlineData("Covid.Server.Progress", "Covid.Server.Jobs")]
    [InlineData("Covid.Server.Storage", "Covid.Server.Datasets")]
    [InlineData("Covid.Server.Jobs", "Covid.Server.Hosting")]
    [InlineData("Covid.Server.Jobs", "Covid.Server.Auth")]
    [InlineData("Covid.Server.Datasets", "Covid.Server.Auth")]
    [InlineData("Covid.Server.Auth", "Covid.Server.Grpc")]
    [InlineData("Covid.Server.Tenancy", "Covid.Server.Jobs")]
    [InlineData("Covid.Server.Tenancy", "Covid.Server.Datasets")]
    [InlineData("Covid.Server.Imports", "Covid.Server.Datasets")]
    [InlineData("Covid.Server.Telemetry", "Covid.Server.Jobs")]
    [InlineData("Covid.Server.Telemetry", "Covid.Server.Grpc")]
    public void Server_LowerRoom_DoesNotUseHigherRoom(string lower, string higher)
    {
        var graph = new NamespaceGraph(Server, "Covid.Server");

        Assert.DoesNotContain(higher, graph.Uses(lower));
    }

    [Theory]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("Grpc")]
    [InlineData("k8s")]
    public void Core_DoesNotDependOn(string forbidden)
    {
        var offenders = Types.InAssembly(Core).ShouldNot().HaveDependencyOn(forbidden).GetResult().FailingTypeNames ?? [];

        Assert.Empty(offenders);
        Assert.DoesNotContain(Core.GetReferencedAssemblies(), a => a.Name!.StartsWith(forbidden, StringComparison.Ordinal)
            || (forbidden == "k8s" && a.Name == "KubernetesClient"));
    }

    [Fact]
    public void Server_OnlyTheGrpcEdgeUsesGrpcCore()
    {
        var offenders = Types.InAssembly(Server)
            .That().DoNotResideInNamespace("Covid.Server.Grpc")
            // The generated service bases and clients: the contract's own stubs.
            .And().DoNotResideInNamespace("Covid.V1")
            .ShouldNot().HaveDependencyOn("Grpc.Core")
            .GetResult().FailingTypeNames ?? [];

        Assert.Empty(offenders);
    }

    [Fact]
    public void Server_OnlyTheTelemetryRoomKnowsOpenTelemetry()
    {
        // Rooms trace and measure with System.Diagnostics (ActivitySource, Meter); where it goes is Telemetry's business.
        var offenders = Types.InAssembly(Server)
            .That().DoNotResideInNamespace("Covid.Server.Telemetry")
            .ShouldNot().HaveDependencyOn("OpenTelemetry")
            .GetResult().FailingTypeNames ?? [];

        Assert.Empty(offenders);
    }
}
